// Half-open connections: a peer that stops answering pings is cut after LIVEVIEW_PING_TIMEOUT_MS, and the server
// lets go of its consumer, groups and session watcher; a peer that answers stays as long as it likes.

import { describe, expect, it } from "vitest";
import { Registry, send } from "../../src/index.ts";
import { seedForFile } from "../helpers.ts";
import { closeOf, holds, rawSocket, socketCounts, until } from "./messages-sockets.ts";

/** This test's handlers, beside the fixture's. */
const handlers = new Registry();
handlers.handler("ping_me", (consumer) => send(consumer, { pong: true }));

const INTERVAL_MS = 50;
/**
 * Far longer than a pong's round trip on a busy machine: a socket that answers is never cut by a late pong, so only
 * silence cuts. (With 100 ms, a loaded machine cut the answering socket too, before it fell silent.)
 */
const TIMEOUT_MS = 1500;
/** Only a guard against a hang: the silent socket is cut one interval and one timeout after it falls silent. */
const CLOSE_GUARD_MS = 20_000;
/** Pings the answering socket must see, and answer, while staying open. */
const PINGS = 8;
const seed = seedForFile({
  registry: handlers,
  settings: { LIVEVIEW_PING_INTERVAL_MS: INTERVAL_MS, LIVEVIEW_PING_TIMEOUT_MS: TIMEOUT_MS },
});

describe("the heartbeat", () => {
  it("cuts a socket that does not answer pings, and frees its consumer, groups and session watcher", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const before = socketCounts(seed.app);
    // Answers pings by hand until it has joined everything, then falls silent, as a peer that vanished.
    const silent = await rawSocket(seed.baseUrl, { room: "silent", client: browser, autoPong: false });
    let answering = true;
    let unanswered = 0;
    silent.on("ping", () => (answering ? silent.pong() : unanswered++));
    const closed = closeOf(silent, CLOSE_GUARD_MS);
    const key = browser.sessionKey!;
    await until(() => holds(seed.app, "silent", key).length === 3, "the socket to join its groups and session");
    answering = false;
    // terminate: no close frame, as a vanished peer could not read one.
    expect((await closed).code).toBe(1006);
    expect(unanswered).toBeGreaterThanOrEqual(1);
    await until(() => holds(seed.app, "silent", key).length === 0, "the server to let go of the socket");
    expect(socketCounts(seed.app)).toEqual(before);
  });

  it("keeps a socket that answers, across many intervals", async () => {
    const socket = await seed.live(undefined, "answering");
    // Counted in pings, not in time: however late the intervals fire, the socket answers each and stays.
    await new Promise<void>((resolve, reject) => {
      let pings = 0;
      socket.ws.on("ping", () => ++pings === PINGS && resolve());
      socket.ws.once("close", (code) =>
        reject(new Error(`the answering socket was cut (${code}) after ${pings} pings`)),
      );
    });
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    expect(await socket.call("ping_me")).toEqual([{ pong: true }]);
  });
});
