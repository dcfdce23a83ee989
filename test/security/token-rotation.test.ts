// Login starts a new CSRF secret: tokens from before it (which whoever planted the cookie could have read) stop
// working, and the tabs that were already open are handed a token for the new secret.

import { expect, it } from "vitest";
import { LiveClient, pageToken } from "../../src/testing/index.ts";
import { seedForFile, SEED_USER } from "../helpers.ts";

const seed = seedForFile();

it("hands open tabs the new token at login, and the old token no longer gives the session", async () => {
  const browser = seed.client();
  const before = pageToken((await browser.get("/counter")).text)!;
  const openTab = await seed.live(browser);
  await openTab.call("increment_counter");

  const handed = openTab.next((m) => m.action === "csrf_token");
  const login = await browser.post("/login", { username: SEED_USER.username, password: SEED_USER.password });
  expect(login.status).toBe(302);
  const after = String((await handed).token);
  expect(after).not.toBe(before);

  // The open tab followed the session to its new key: its next click counts on.
  const [reply] = await openTab.call("increment_counter");
  expect(reply!.html).toContain("<strong>2</strong>");

  const connect = (token: string) => LiveClient.connect(seed.baseUrl, { cookie: browser.cookieHeader, token });
  const withNew = await connect(after);
  expect((await withNew.call("increment_counter"))[0]!.html).toContain("<strong>3</strong>");
  const withOld = await connect(before);
  expect((await withOld.call("increment_counter"))[0]!.html).toContain("<strong>1</strong>");
  await Promise.all([withNew.close(), withOld.close()]);

  // A form carrying the old token is refused as well; the new one is accepted.
  const post = (token: string) =>
    browser.post("/login", { username: "nobody", password: "wrong", csrfmiddlewaretoken: token }, { csrf: false });
  expect((await post(before)).status).toBe(403);
  expect((await post(after)).status).toBe(401);
});
