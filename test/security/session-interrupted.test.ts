// A session that ends while a handler or view is using it (a logout in another process, clearsessions, expiry)
// stays ended: the write fails with a clear error, the row does not come back, and the socket goes on anonymous.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeedApp } from "../fixtures/seed-app.ts";
import { json, Registry, text, type Settings } from "../../src/index.ts";
import { TestClient } from "../../src/testing/index.ts";
import { serve, startSeed, type Running, SEED_USER } from "../helpers.ts";
import { sessionRows, type SessionRows } from "./session-rows.ts";
import { whoami } from "./whoami.ts";

/** A door the test opens: a handler or view waits at it, while the test ends the session. */
let door: { arrived: () => void; opened: Promise<void> } | null = null;
function armDoor(): { arrived: Promise<void>; open: () => void } {
  let arrived!: () => void;
  let open!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  door = { arrived, opened: new Promise<void>((resolve) => (open = resolve)) };
  return { arrived: reached, open };
}
async function waitAtDoor(): Promise<void> {
  const current = door!;
  door = null;
  current.arrived();
  await current.opened;
}

/** This test's handlers, beside the fixture's. */
const handlers = new Registry();
handlers.handler("write_after_door", async (consumer) => {
  await waitAtDoor();
  consumer.scope.session.set("counter", 99);
});
handlers.handler("ignore_failed_save", async (consumer) => {
  await waitAtDoor();
  consumer.scope.session.set("counter", 99);
  await consumer.scope.session.save().catch(() => undefined); // an application that swallows the failure
});
handlers.handler("whoami", whoami);

const ANONYMOUS = { user: "", keys: [] };
const INTERRUPTED =
  /^Handler error: the session ended while this was running \(signed out elsewhere, or expired\), so its changes were not saved; reload the page/;

interface Env {
  seed: Running;
  /** A second server on the same database, with locks and caches of its own: another process. */
  other: Running;
  rows: SessionRows;
}

function servers(settings: Partial<Settings>): Env {
  const env = {} as Env;
  beforeAll(async () => {
    env.seed = await startSeed({ settings, registry: handlers });
    env.seed.app
      .get("/whoami", (request) =>
        json({
          user: request.user.username,
          keys: request.session
            .keys()
            .filter((k) => !k.startsWith("_"))
            .sort(),
        }),
      )
      .get("/write-after-door", async (request) => {
        await waitAtDoor();
        request.session.set("counter", 99);
        return text("written");
      });
    env.other = await serve(
      await createSeedApp({ settings: { ...settings, DATABASE_URL: env.seed.app.settings.DATABASE_URL } }),
    );
    env.rows = sessionRows(env.seed.app);
  });
  afterAll(async () => {
    env.rows?.close();
    await env.other?.close();
    await env.seed?.close();
  });
  return env;
}

async function signedInBrowser(env: Env): Promise<TestClient> {
  const browser = env.seed.client();
  await browser.get("/counter");
  await browser.post("/login", { username: SEED_USER.username, password: SEED_USER.password });
  return browser;
}

const endings: Record<string, (env: Env, key: string) => Promise<void>> = {
  "signed out in another process": async (env, key) => {
    const elsewhere = new TestClient(env.other.app, env.other.baseUrl);
    elsewhere.cookies.set("sessionid", key);
    expect((await elsewhere.post("/logout")).status).toBe(302);
  },
  "deleted by clearsessions": async (env, key) => env.rows.delete(key),
  expired: async (env, key) => env.rows.expire(key),
};

/** The session under `key` is not back: no live row, and nothing of the interrupted write stored. */
function expectStillEnded(env: Env, key: string): void {
  const row = env.rows.row(key);
  if (row) expect(row).toMatchObject({ expired: true, data: expect.not.objectContaining({ counter: 99 }) });
}

async function overHttp(env: Env, key: string) {
  return (await fetch(env.seed.baseUrl + "/whoami", { headers: { Cookie: `sessionid=${key}` } })).json();
}

for (const engine of ["db", "cached_db"] as const) {
  describe(`a session that ends under a running handler (SESSION_ENGINE=${engine})`, () => {
    const env = servers({ SESSION_ENGINE: engine });

    for (const [ending, end] of Object.entries(endings)) {
      it(`${ending}: the handler gets the error, the row stays gone, the socket goes on anonymous`, async () => {
        const browser = await signedInBrowser(env);
        const key = browser.sessionKey!;
        const socket = await env.seed.live(browser);
        expect(await socket.call("whoami")).toEqual([{ user: SEED_USER.username, keys: [] }]);

        const door = armDoor();
        const replies = socket.call("write_after_door");
        await door.arrived;
        await end(env, key);
        door.open();
        expect(await replies).toEqual([
          expect.objectContaining({ error: expect.stringMatching(INTERRUPTED), function: "write_after_door" }),
        ]);
        expectStillEnded(env, key);

        expect(await socket.call("whoami")).toEqual([ANONYMOUS]);
        await socket.call("increment_counter");
        expect(await socket.call("whoami")).toEqual([{ user: "", keys: ["counter"] }]);
        expect(await overHttp(env, key)).toEqual(ANONYMOUS);
        expectStillEnded(env, key);
      });
    }

    it("a handler that swallows the failed save still gets the error, and nothing is written", async () => {
      const browser = await signedInBrowser(env);
      const key = browser.sessionKey!;
      const socket = await env.seed.live(browser);
      const door = armDoor();
      const replies = socket.call("ignore_failed_save");
      await door.arrived;
      env.rows.delete(key);
      door.open();
      expect(await replies).toEqual([
        expect.objectContaining({ error: expect.stringMatching(INTERRUPTED), function: "ignore_failed_save" }),
      ]);
      expectStillEnded(env, key);
    });

    it("an HTTP view gets 400 with the reason, and the cookie is dropped, not renewed", async () => {
      const browser = await signedInBrowser(env);
      const key = browser.sessionKey!;
      const door = armDoor();
      const response = fetch(env.seed.baseUrl + "/write-after-door", { headers: { Cookie: `sessionid=${key}` } });
      await door.arrived;
      env.rows.delete(key);
      door.open();
      const res = await response;
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/^Bad request: the session ended while this was running .*reload the page/);
      expect(res.headers.getSetCookie()).toEqual([expect.stringMatching(/^sessionid=; .*Max-Age=0/)]);
      expectStillEnded(env, key);
      expect(await overHttp(env, key)).toEqual(ANONYMOUS);
    });
  });
}
