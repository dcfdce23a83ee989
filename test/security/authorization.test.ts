// Per-event authorization over real sockets: a handler that requires a signed-in user (or a permission) refuses
// everyone else, whatever the page showed them, and judges each call by the user of that very call.

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { authorize, Registry, send } from "../../src/index.ts";
import { type TestClient } from "../../src/testing/index.ts";
import { LOGIN_REQUIRED_MESSAGE, PERMISSION_DENIED_MESSAGE } from "../../src/live/calls/authorize.ts";
import { callAsPage as call, seedForFile, SEED_USER } from "../helpers.ts";

// Handlers of this test's own, beside the fixture's: one behind a permission, and a group guarded by middleware.
const handlers = new Registry()
  .handler("close_books", { permission: (user) => user.username === "accountant" }, (consumer) =>
    send(consumer, { target: "#books", html: `closed by ${consumer.scope.user.username}` }),
  )
  .handler(
    "guarded_with_schema",
    { loginRequired: true, schema: z.object({ data: z.object({ amount: z.number() }) }) },
    () => undefined,
  )
  .use((consumer, _content, name) =>
    name.startsWith("staff_") ? authorize(consumer, { loginRequired: true }) : undefined,
  )
  .handler("staff_report", (consumer) => send(consumer, { target: "#report", html: "report" }));

const seed = seedForFile({ registry: handlers });

async function signedIn(username = SEED_USER.username): Promise<TestClient> {
  const browser = seed.client();
  const user =
    (await seed.app.users.getByUsername(username)) ?? (await seed.app.users.create(username, "a-long-password"));
  await browser.forceLogin(user);
  return browser;
}

describe("liveviewHandler's permission option", () => {
  it("refuses visitors (sign in) and users without the permission, and runs for a user who has it", async () => {
    const anonymous = await seed.live(seed.client());
    expect(await call(anonymous, "close_books")).toEqual([
      expect.objectContaining({ error: `Handler error: ${LOGIN_REQUIRED_MESSAGE}` }),
    ]);
    const clerk = await seed.live(await signedIn());
    expect(await call(clerk, "close_books")).toEqual([
      expect.objectContaining({ error: `Handler error: ${PERMISSION_DENIED_MESSAGE}` }),
    ]);
    const accountant = await seed.live(await signedIn("accountant"));
    expect(await call(accountant, "close_books")).toEqual([{ target: "#books", html: "closed by accountant" }]);
  });
});

describe("a handler with both a schema and an access rule", () => {
  it("refuses a visitor before reading the content: the refusal says nothing of what the handler expects", async () => {
    const socket = await seed.live(seed.client());
    const replies = await call(socket, "guarded_with_schema", { amount: "not a number" });
    expect(replies).toEqual([
      expect.objectContaining({ code: "permission_denied", error: `Handler error: ${LOGIN_REQUIRED_MESSAGE}` }),
    ]);
  });
});

describe("authorize() in middleware", () => {
  it("guards every handler the middleware chooses", async () => {
    const anonymous = await seed.live(seed.client());
    expect(await call(anonymous, "staff_report")).toEqual([
      expect.objectContaining({ error: `Handler error: ${LOGIN_REQUIRED_MESSAGE}` }),
    ]);
    expect(await call(await seed.live(await signedIn()), "staff_report")).toEqual([
      { target: "#report", html: "report" },
    ]);
  });
});
