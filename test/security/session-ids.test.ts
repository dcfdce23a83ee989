// Forged session ids: paths, short and huge strings, ids of our shape that we never issued. None is adopted, none
// creates a row by being offered, and a session is created only by a save, under a key the server makes.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, Registry, send, type Settings } from "../../src/index.ts";
import { LiveClient } from "../../src/testing/index.ts";
import { newSessionKey } from "../../src/session/session-key.ts";
import { startSeed, type Running } from "../helpers.ts";
import { sessionRows, type SessionRows } from "./session-rows.ts";

/** This test's handlers, beside the fixture's. */
const handlers = new Registry();
handlers.handler("peek_session", (consumer) =>
  send(consumer, { counter: consumer.scope.session.get("counter", null), user: consumer.scope.user.username }),
);

const HOSTILE: Record<string, string> = {
  "a path": "../../etc/passwd",
  "an encoded path": "..%2F..%2Fetc%2Fpasswd",
  "one character": "a",
  "500 characters": "A".repeat(500),
  "100 key characters": "A".repeat(100),
  "one character short": newSessionKey().slice(1),
  "one character long": newSessionKey() + "A",
  "padded base64": newSessionKey().slice(2) + "==",
  "our shape, never issued": newSessionKey(),
};
const OUR_SHAPE = /^[A-Za-z0-9_-]{32}$/;

interface Server {
  seed: Running;
  rows: SessionRows;
  /** Every key the session store was asked to load. */
  lookedUp: string[];
}

function server(settings: Partial<Settings> = {}): Server {
  const env = { lookedUp: [] as string[] } as Server;
  beforeAll(async () => {
    env.seed = await startSeed({ settings, registry: handlers });
    env.seed.app.get("/peek", (request) =>
      json({ counter: request.session.get("counter", null), user: request.user.username }),
    );
    const store = env.seed.app.sessions.store;
    const load = store.load.bind(store);
    store.load = (key) => (env.lookedUp.push(key), load(key));
    env.rows = sessionRows(env.seed.app);
  });
  afterAll(async () => {
    env.rows?.close();
    await env.seed?.close();
  });
  return env;
}

const cookieOf = (id: string) => `sessionid=${id}`;

/** A Set-Cookie that names a session, as opposed to one that deletes the cookie. */
function issuedKey(res: Response): string | null {
  const line = res.headers.getSetCookie().find((c) => c.startsWith("sessionid="));
  if (!line || /Max-Age=0/.test(line)) return null;
  return line.slice("sessionid=".length).split(";")[0]!;
}

async function peekOverHttp(env: Server, id: string) {
  const res = await fetch(env.seed.baseUrl + "/peek", { headers: { Cookie: cookieOf(id) } });
  return { res, body: await res.json() };
}

for (const settings of [{}, { SESSION_SAVE_EVERY_REQUEST: true }] as Partial<Settings>[]) {
  describe(`forged ids over HTTP, on a route that only reads (${JSON.stringify(settings)})`, () => {
    const env = server(settings);

    it("are anonymous, get no session and no row, and only an id of our shape is ever looked up", async () => {
      const before = env.rows.keys();
      for (const [what, id] of Object.entries(HOSTILE)) {
        const { res, body } = await peekOverHttp(env, id);
        expect(res.status, what).toBe(200);
        expect(body, what).toEqual({ counter: null, user: "" });
        expect(issuedKey(res), what).toBeNull();
      }
      expect(env.rows.keys()).toEqual(before);
      expect(env.lookedUp).toEqual([HOSTILE["our shape, never issued"]]);
    });
  });
}

describe("forged ids over HTTP, on a page", () => {
  const env = server();

  it("get a new key made by the server, never the one offered", async () => {
    for (const [what, id] of Object.entries(HOSTILE)) {
      const count = env.rows.count();
      const res = await fetch(env.seed.baseUrl + "/counter", { headers: { Cookie: cookieOf(id) } });
      expect(await res.text(), what).toContain("Counter: <strong>0</strong>");
      const key = issuedKey(res);
      expect(key, what).toMatch(OUR_SHAPE);
      expect(key, what).not.toBe(id);
      expect(env.rows.count(), what).toBe(count + 1);
      expect(env.rows.has(key!), what).toBe(true);
      expect(env.rows.has(id), what).toBe(false);
    }
  });
});

// With the socket token required (the default), a cookie without its page's token is dropped at the handshake;
// without it, the forged id reaches the session layer, which must refuse it by itself.
for (const settings of [{}, { LIVEVIEW_SOCKET_TOKEN_REQUIRED: false }] as Partial<Settings>[]) {
  describe(`forged ids over a WebSocket (${JSON.stringify(settings)})`, () => {
    const env = server(settings);

    it("read as anonymous and create no row; a save creates a session under a new key, never the offered one", async () => {
      for (const [what, id] of Object.entries(HOSTILE)) {
        const before = env.rows.keys();
        const socket = await LiveClient.connect(env.seed.baseUrl, { cookie: cookieOf(id) });
        expect(await socket.call("peek_session"), what).toEqual([{ counter: null, user: "" }]);
        expect(env.rows.keys(), what).toEqual(before);

        await socket.call("increment_counter");
        const created = env.rows.keys().filter((k) => !before.includes(k));
        expect(created, what).toHaveLength(1);
        expect(created[0], what).toMatch(OUR_SHAPE);
        expect(created[0], what).not.toBe(id);
        expect(env.rows.has(id), what).toBe(false);
        expect(await socket.call("peek_session"), what).toEqual([{ counter: 1, user: "" }]); // the socket follows its new key

        const again = await LiveClient.connect(env.seed.baseUrl, { cookie: cookieOf(id) });
        expect(await again.call("peek_session"), what).toEqual([{ counter: null, user: "" }]);
        await Promise.all([socket.close(), again.close()]);
      }
      expect(env.lookedUp.filter((k) => !OUR_SHAPE.test(k))).toEqual([]);
    });
  });
}
