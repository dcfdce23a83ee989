// Attacks on a socket's message rate: a burst past LIVEVIEW_EVENTS_BURST is refused message by message with a
// rate_limited error and runs nothing; a socket that floods on regardless is closed with 1008; others are served.

import { describe, expect, it } from "vitest";
import { Registry, send, type JsonObject } from "../../src/index.ts";
import { seedForFile } from "../helpers.ts";
import { closeOf, holds, sleep, socketCounts, until } from "./messages-sockets.ts";

let hits = 0;
/** This test's handlers, beside the fixture's. */
const handlers = new Registry();
handlers.handler("record_hit", async (consumer) => {
  hits++;
  await send(consumer, { hit: true });
});

const PER_SECOND = 5;
const BURST = 10;
const seed = seedForFile({
  registry: handlers,
  settings: { LIVEVIEW_EVENTS_PER_SECOND: PER_SECOND, LIVEVIEW_EVENTS_BURST: BURST },
});

const frame = (id: number) => JSON.stringify({ function: "record_hit", data: {}, id });

describe("a socket sending faster than its rate", () => {
  it("gets a rate_limited error and an ack for each message past the burst, runs none of them, and stays open", async () => {
    const socket = await seed.live(undefined, "burst");
    const start = hits;
    const acks = socket.next((m) => m.ack === 15);
    for (let id = 1; id <= 15; id++) socket.sendRaw(frame(id));
    await acks;
    await until(() => socket.received.filter((m) => "ack" in m).length === 15, "every ack");
    const refused = socket.received.filter((m) => m.code === "rate_limited");
    const ran = hits - start;
    // The burst, and at most one token refilled while the frames went out.
    expect(ran).toBeGreaterThanOrEqual(BURST);
    expect(ran).toBeLessThanOrEqual(BURST + 1);
    expect(refused).toHaveLength(15 - ran);
    expect(refused[0]).toEqual({
      error: `Too many messages: a socket may send ${PER_SECOND} a second (${BURST} at once); this one was not run. Wait a moment and send it again.`,
      code: "rate_limited",
      function: "record_hit",
    });
    // Tokens come back at the rate: a message a little later runs.
    await sleep(1000 / PER_SECOND + 50);
    expect(await socket.call("record_hit")).toEqual([{ hit: true }]);
  });

  it("is closed with 1008 when it keeps flooding past the refusals; no refused message ran, others are served", async () => {
    const socket = await seed.live(undefined, "flood");
    const bystander = await seed.live(undefined, "bystander");
    const before = socketCounts(seed.app);
    const start = hits;
    const closed = closeOf(socket.ws);
    for (let id = 1; id <= 200; id++) socket.sendRaw(frame(id));
    const { code, reason } = await closed;
    expect(code).toBe(1008);
    expect(reason).toBe("too many messages: past the rate limit again and again");
    expect(hits - start).toBeLessThanOrEqual(BURST + 1);
    const refused = socket.received.filter((m: JsonObject) => m.code === "rate_limited");
    expect(refused.length).toBeLessThanOrEqual(BURST + 1);
    await until(() => holds(seed.app, "flood").length === 0, "the server to let go of the socket");
    expect(socketCounts(seed.app).consumers).toBe(before.consumers - 1);
    expect(await bystander.call("record_hit")).toEqual([{ hit: true }]);
  });
});
