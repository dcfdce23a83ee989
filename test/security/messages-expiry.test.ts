// Sessions expire under long-lived sockets: an event after expiry is anonymous with no old data, and heartbeats do
// not keep a session alive unless LIVEVIEW_HEARTBEAT_EXTENDS_SESSION says so (then at most one save per ping
// interval, and never for a session that is gone).

import { describe, expect, it, vi } from "vitest";
import { Registry, send } from "../../src/index.ts";
import { type TestClient } from "../../src/testing/index.ts";
import { seedForFile, type Running, SEED_USER } from "../helpers.ts";
import { closeOf, rawSocket, sleep, until } from "./messages-sockets.ts";

/** This test's handlers, beside the fixture's. */
const handlers = new Registry();
handlers.handler("whoami", (consumer) =>
  send(consumer, { user: consumer.scope.user.username || null, counter: consumer.scope.session.get("counter", null) }),
);

const PING_MS = 100;

async function signedIn(seed: Running): Promise<TestClient> {
  const browser = seed.client();
  await browser.forceLogin((await seed.app.users.getByUsername(SEED_USER.username))!);
  return browser;
}

describe("with the default settings, a session under an open socket", () => {
  const AGE_SECONDS = 2;
  const seed = seedForFile({
    registry: handlers,
    settings: { SESSION_COOKIE_AGE: AGE_SECONDS, LIVEVIEW_PING_INTERVAL_MS: PING_MS },
  });

  it("expires while the socket answers pings, and the next event is anonymous with none of the old data", async () => {
    const browser = await signedIn(seed);
    const socket = await seed.live(browser);
    await socket.call("increment_counter");
    expect(await socket.call("whoami")).toEqual([{ user: SEED_USER.username, counter: 1 }]);
    let pings = 0;
    socket.ws.on("ping", () => pings++);
    await sleep(AGE_SECONDS * 1000 + 300);
    expect(pings).toBeGreaterThan(5); // the socket was alive and answering all along
    expect(await socket.call("whoami")).toEqual([{ user: null, counter: null }]);
    expect(await seed.app.sessions.load(browser.sessionKey)).toBeNull();
  });
});

describe("with LIVEVIEW_HEARTBEAT_EXTENDS_SESSION, a session under an open socket", () => {
  const AGE_SECONDS = 1;
  const seed = seedForFile({
    registry: handlers,
    settings: {
      SESSION_COOKIE_AGE: AGE_SECONDS,
      LIVEVIEW_PING_INTERVAL_MS: PING_MS,
      LIVEVIEW_HEARTBEAT_EXTENDS_SESSION: true,
    },
  });

  it("lives on as long as the socket answers pings", async () => {
    const browser = await signedIn(seed);
    const socket = await seed.live(browser);
    await socket.call("increment_counter");
    await sleep(AGE_SECONDS * 1000 * 2.5);
    expect(await socket.call("whoami")).toEqual([{ user: SEED_USER.username, counter: 1 }]);
    await socket.close();
  });

  it("is saved at most once per ping interval, however many pongs the client sends", async () => {
    const browser = await signedIn(seed);
    const ws = await rawSocket(seed.baseUrl, { room: "pongs", client: browser, autoPong: false });
    const saves = vi.spyOn(seed.app.sessions, "persist");
    const start = performance.now();
    for (let i = 0; i < 200; i++) {
      ws.pong();
      if (i % 20 === 0) await sleep(10);
    }
    await sleep(50);
    const elapsed = performance.now() - start;
    const ours = saves.mock.calls.filter(([, key]) => key === browser.sessionKey).length;
    saves.mockRestore();
    expect(ours).toBeGreaterThanOrEqual(1);
    expect(ours).toBeLessThanOrEqual(Math.ceil(elapsed / PING_MS));
    const closed = closeOf(ws);
    ws.close();
    await closed;
  });

  it("is not brought back once it is gone", async () => {
    const browser = await signedIn(seed);
    const socket = await seed.live(browser);
    const key = browser.sessionKey!;
    await until(() => seed.app.live.consumers.size === 1, "the other tests' sockets to be gone");
    await seed.app.sessions.store.delete(key);
    const saves = vi.spyOn(seed.app.sessions, "persist");
    await sleep(PING_MS * 5);
    const saved = saves.mock.calls.map(([, savedKey]) => savedKey);
    saves.mockRestore();
    // Other tests' sockets are closed: any save now would be this socket's, under the old key or a new one.
    expect(saved).toEqual([]);
    expect(await socket.call("whoami")).toEqual([{ user: null, counter: null }]);
    expect(await seed.app.sessions.load(key)).toBeNull();
  });
});
