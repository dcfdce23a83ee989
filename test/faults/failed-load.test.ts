// When the session or its user cannot be read, the request fails: it is never served as anonymous, nor as anyone
// else, and the browser keeps its cookie. Pages get a 503, handlers a store_unavailable reply (and do not run), a
// new socket is refused. Once reads work again, the same browser is signed in as before and nothing was applied.

import { afterAll, beforeAll, expect, it } from "vitest";
import { createSeedApp } from "../fixtures/seed-app.ts";
import { LiveClient, type TestClient } from "../../src/testing/index.ts";
import { serve, tempDatabaseUrl, type Running, SEED_USER } from "../helpers.ts";
import { failingReads, type FailingReads } from "./failing-reads.ts";

const SIGNED_IN = /Signed in as <strong id="username">demo<\/strong>/;
const ANONYMOUS = /Not signed in/;
const UNAVAILABLE_PAGE = /^Service unavailable: the server cannot reach its storage right now/;

let seed: Running;
let stores: FailingReads;

beforeAll(async () => {
  const url = tempDatabaseUrl();
  stores = failingReads(url);
  seed = await serve(
    await createSeedApp({ settings: { DATABASE_URL: url }, sessionStore: stores.sessionStore, users: stores.users }),
  );
});
afterAll(() => seed?.close());

/** What a signed-in browser sees of its counter page, and whether it was handed another cookie. */
async function counterPage(browser: TestClient) {
  const before = browser.cookieHeader;
  const page = await browser.get("/counter");
  return { ...page, cookieChanged: browser.cookieHeader !== before };
}

it("fails the request, and never serves it as anonymous or as someone else, when the session or user cannot be read", async () => {
  const browser = seed.client();
  expect((await browser.post("/login", { username: SEED_USER.username, password: SEED_USER.password })).status).toBe(
    302,
  );
  expect((await counterPage(browser)).text).toMatch(SIGNED_IN);
  const tab = await seed.live(browser);
  expect((await tab.call("increment_counter")).some((m) => m.error !== undefined)).toBe(false);

  for (const failing of ["users", "sessions"] as const) {
    stores.fail[failing] = true;
    const page = await counterPage(browser);
    expect(page.status, `page while ${failing} cannot be read`).toBe(503);
    expect(page.text).toMatch(UNAVAILABLE_PAGE);
    expect(page.text).not.toMatch(ANONYMOUS);
    expect(page.cookieChanged).toBe(false);
    const replies = await tab.call("increment_counter");
    expect(replies, `handler while ${failing} cannot be read`).toEqual([
      expect.objectContaining({
        code: "store_unavailable",
        error: expect.stringMatching(/^Handler error: the server cannot reach its storage right now/),
      }),
    ]);
    stores.fail[failing] = false;
  }

  // A new socket of the browser is refused while its session cannot be read, rather than opened without it.
  const token = await browser.socketToken();
  stores.fail.sessions = true;
  await expect(LiveClient.connect(seed.baseUrl, { cookie: browser.cookieHeader, token })).rejects.toThrow(/503/);
  stores.fail.sessions = false;

  // Back: the same browser, signed in as before; the failed increments were not applied.
  expect((await counterPage(browser)).text).toMatch(SIGNED_IN);
  expect((await browser.session())?.counter).toBe(1);
});
