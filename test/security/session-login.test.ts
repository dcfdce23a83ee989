// Session fixation and replayed cookies: login moves the session to a new key and drops the old one, logout drops
// the session and its cookie, and a cookie kept from before either is anonymous over HTTP and WebSocket alike.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, Registry, type Settings } from "../../src/index.ts";
import { LiveClient, type TestClient } from "../../src/testing/index.ts";
import { startSeed, type Running, SEED_USER } from "../helpers.ts";
import { sessionRows, type SessionRows } from "./session-rows.ts";
import { whoami } from "./whoami.ts";

/** This test's handlers, beside the fixture's. */
const handlers = new Registry();
handlers.handler("whoami", whoami);

interface Env {
  seed: Running;
  rows: SessionRows;
}

/** What the session named by `cookie` shows over HTTP: the user and the application's keys. */
async function overHttp(env: Env, key: string) {
  const res = await fetch(env.seed.baseUrl + "/whoami", { headers: { Cookie: `sessionid=${key}` } });
  return (await res.json()) as { user: string; keys: string[] };
}

/** The same over a socket opened with that cookie and a token its page carried. */
async function overSocket(env: Env, key: string, token: string) {
  const socket = await LiveClient.connect(env.seed.baseUrl, { cookie: `sessionid=${key}`, token });
  const [reply] = await socket.call("whoami");
  await socket.close();
  return reply;
}

const ANONYMOUS = { user: "", keys: [] };
const login = (browser: TestClient, user = SEED_USER) =>
  browser.post("/login", { username: user.username, password: user.password });

// With the token required (the default) and without it, so that the session layer is tested on its own too.
for (const settings of [{}, { LIVEVIEW_SOCKET_TOKEN_REQUIRED: false }] as Partial<Settings>[]) {
  describe(`replayed session cookies (${JSON.stringify(settings)})`, () => {
    const env = {} as Env;
    beforeAll(async () => {
      env.seed = await startSeed({ settings, registry: handlers });
      env.seed.app.get("/whoami", (request) =>
        json({
          user: request.user.username,
          keys: request.session
            .keys()
            .filter((k) => !k.startsWith("_"))
            .sort(),
        }),
      );
      env.rows = sessionRows(env.seed.app);
    });
    afterAll(async () => {
      env.rows?.close();
      await env.seed?.close();
    });

    it("a fixed pre-login cookie is anonymous after the victim signs in, whose draft moves with them", async () => {
      // The attacker gets a session and its page's token, and plants the cookie in the victim's browser.
      const attacker = env.seed.client();
      await attacker.get("/contact");
      const planted = attacker.sessionKey!;
      const plantedToken = await attacker.socketToken();
      const victim = env.seed.client();
      victim.cookies.set("sessionid", planted);
      const tab = await env.seed.live(victim);
      await tab.call("autosave_form", { form_id: "contact_form", form: { name: "Ada", message: "private" } });

      expect((await login(victim)).status).toBe(302);
      const signedIn = victim.sessionKey!;
      expect(signedIn).not.toBe(planted);
      expect(await overHttp(env, signedIn)).toEqual({ user: SEED_USER.username, keys: ["form_drafts"] });

      // Soft: a failure shows whether HTTP, the socket, or both let the old cookie in.
      expect.soft(await overHttp(env, planted)).toEqual(ANONYMOUS);
      expect.soft(await overSocket(env, planted, plantedToken)).toEqual(ANONYMOUS);
      expect(env.rows.has(planted)).toBe(false);
      // What the attacker does with the old cookie starts a session of its own; the old key stays gone.
      const socket = await LiveClient.connect(env.seed.baseUrl, {
        cookie: `sessionid=${planted}`,
        token: plantedToken,
      });
      await socket.call("increment_counter");
      await socket.close();
      expect(env.rows.has(planted)).toBe(false);
      expect(await overHttp(env, signedIn)).toEqual({ user: SEED_USER.username, keys: ["form_drafts"] });
    });

    it("a signed-in cookie kept from before logout is anonymous afterwards; logout deletes the row and the cookie", async () => {
      const browser = env.seed.client();
      await browser.get("/counter");
      await login(browser);
      const signedIn = browser.sessionKey!;
      const token = await browser.socketToken();
      expect(await overSocket(env, signedIn, token)).toEqual({ user: SEED_USER.username, keys: [] });

      const res = await browser.post("/logout");
      expect(res.status).toBe(302);
      expect(res.headers.getSetCookie().find((c) => c.startsWith("sessionid="))).toMatch(/^sessionid=; .*Max-Age=0/);
      expect(browser.sessionKey).toBeNull();

      expect.soft(await overHttp(env, signedIn)).toEqual(ANONYMOUS);
      expect.soft(await overSocket(env, signedIn, token)).toEqual(ANONYMOUS);
      expect(env.rows.has(signedIn)).toBe(false);
    });

    it("signing in as someone else on a browser holding another user's session starts from an empty session", async () => {
      const other = { username: `other-${Date.now()}`, password: "other-password" };
      await env.seed.app.users.create(other.username, other.password);
      const browser = env.seed.client();
      await browser.get("/contact");
      await login(browser, other);
      const first = browser.sessionKey!;
      await (
        await env.seed.live(browser)
      ).call("autosave_form", { form_id: "contact_form", form: { message: "other's secret" } });

      await login(browser);
      expect(browser.sessionKey).not.toBe(first);
      expect(await overHttp(env, browser.sessionKey!)).toEqual({ user: SEED_USER.username, keys: [] });
      expect(await overHttp(env, first)).toEqual(ANONYMOUS);
      expect(env.rows.has(first)).toBe(false);
    });
  });
}
