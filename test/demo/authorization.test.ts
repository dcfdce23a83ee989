// The demo's guarded handler and its sign-in page: delete_message refuses everyone but a signed-in user, whatever
// the page showed them, judged by the user of that very call; ?next= after signing in leads only to this site.

import { describe, expect, it } from "vitest";
import { ContactForm } from "../../examples/demo/contact-form.ts";
import { saveContact } from "../../examples/demo/contact-messages.ts";
import { CLOSE_SESSION_ENDED } from "../../src/protocol.ts";
import { logout } from "../../src/index.ts";
import { type TestClient } from "../../src/testing/index.ts";
import { openSqlite } from "../../src/deployment.ts";
import { LOGIN_REQUIRED_MESSAGE } from "../../src/live/calls/authorize.ts";
import { callAsPage as call } from "../helpers.ts";
import { DEMO_USER, demoForFile } from "./demo.ts";

const demo = demoForFile();

async function storedMessage(name: string): Promise<number> {
  const form = new ContactForm({ name, email: "sender@example.com", message: "Please delete me" });
  expect(form.isValid()).toBe(true);
  return saveContact(demo.app.settings.DATABASE_URL, form);
}

const messageExists = (id: number) =>
  openSqlite(demo.app.settings.DATABASE_URL).prepare("SELECT id FROM contact_message WHERE id = ?").get(id) !==
  undefined;

async function signedIn(username = DEMO_USER.username): Promise<TestClient> {
  const browser = demo.client();
  const user =
    (await demo.app.users.getByUsername(username)) ?? (await demo.app.users.create(username, "a-long-password"));
  await browser.forceLogin(user);
  return browser;
}

describe("delete_message, which requires a signed-in user", () => {
  it("is refused to an anonymous socket that calls it by name: an error, no deletion, the session as it was", async () => {
    const id = await storedMessage("Kept");
    const browser = demo.client();
    const page = (await browser.get("/messages")).text;
    expect(page).toContain('id="message-' + id + '"');
    expect(page).not.toContain("delete_message");
    const socket = await demo.live(browser);
    const before = await browser.session();

    const replies = await call(socket, "delete_message", { id: String(id) });

    expect(replies).toEqual([
      { error: `Handler error: ${LOGIN_REQUIRED_MESSAGE}`, function: "delete_message", code: "permission_denied" },
    ]);
    expect(messageExists(id)).toBe(true);
    expect(await browser.session()).toEqual(before);
  });

  it("deletes for a signed-in socket, which gets the list back without the message", async () => {
    const id = await storedMessage("Deleted");
    const browser = await signedIn();
    expect((await browser.get("/messages")).text).toContain(`data-id="${id}" data-liveview-function="delete_message"`);
    const socket = await demo.live(browser);

    const [reply] = await call(socket, "delete_message", { id: String(id) });

    expect(reply!.target).toBe("#messages");
    expect(String(reply!.html)).not.toContain(`message-${id}"`);
    expect(messageExists(id)).toBe(false);
  });

  it("is refused at once to a socket whose user signed out in another tab", async () => {
    const [deleted, id] = [await storedMessage("Deleted before logout"), await storedMessage("Kept after logout")];
    const browser = await signedIn();
    await browser.get("/messages");
    const socket = await demo.live(browser);
    // This socket has acted as the signed-in user already.
    await call(socket, "delete_message", { id: String(deleted) });
    expect(messageExists(deleted)).toBe(false);
    const key = browser.sessionKey!;
    // The other tab's sign-out holds the session while the call arrives: the call runs right after it.
    await demo.app.sessions.run(key, async (session) => {
      socket.sendRaw(
        JSON.stringify({ function: "delete_message", data: { id: String(id) }, form: {}, id: "page.logout" }),
      );
      // A frame that is not JSON is answered at once, in order: the call before it has been received and waits.
      const received = socket.next((m) => m.code === "bad_frame");
      socket.sendRaw("not json");
      await received;
      await logout({ session });
    });
    // Handlers of a session take turns: once this turn comes, the queued call has finished.
    await demo.app.sessions.run(key, async () => undefined);
    expect(messageExists(id)).toBe(true);
    expect((await socket.closed()).code).toBe(CLOSE_SESSION_ENDED);
  });
});

describe("signing in with ?next=", () => {
  it.each([
    ["/messages", "/messages"],
    ["//evil.example/", "/"],
    ["/\\evil.example/", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["/\t/evil.example/", "/"],
  ])("after signing in, next=%j leads to %s", async (next, location) => {
    const browser = demo.client();
    await browser.get("/login");
    const res = await browser.post(`/login?next=${encodeURIComponent(next)}`, {
      username: DEMO_USER.username,
      password: DEMO_USER.password,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(location);
  });
});
