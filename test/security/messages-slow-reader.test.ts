// A socket that stops reading while the server floods it: past LIVEVIEW_MAX_BUFFERED_BYTES it gets nothing more
// and is closed, the server lets go of it, its buffered bytes never pass the cap (plus the message that crossed
// it; what the kernel holds is not the process's memory), and other sockets keep getting answers.

import { describe, expect, it } from "vitest";
import { Registry, send } from "../../src/index.ts";
import { seedForFile } from "../helpers.ts";
import { closeOf, holds, rawSocket, until } from "./messages-sockets.ts";

/** This test's handlers, beside the fixture's. */
const handlers = new Registry();
handlers.handler("ping_me", (consumer) => send(consumer, { pong: true }));

const CAP = 256 * 1024;
const MESSAGE_BYTES = 32 * 1024;
/** Far more than loopback's kernel buffers take (a few MiB), so only the cap can end the flood. */
const FLOOD_LIMIT_BYTES = 64 * 1024 * 1024;

const seed = seedForFile({ registry: handlers, settings: { LIVEVIEW_MAX_BUFFERED_BYTES: CAP } });

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("a reader too slow to keep", () => {
  it("is cut off past the cap and closed; the server's buffer stays bounded and others are served", async () => {
    const slow = await rawSocket(seed.baseUrl, { room: "slowroom" });
    const healthy = await seed.live(undefined, "healthyroom");
    const slowConsumer = [...seed.app.live.consumers].find((c) => c.scope.room === "slowroom")!;
    slow.pause(); // stops reading from the connection: the kernel's buffers fill, then the server's
    const message = { target: "#feed", html: "x".repeat(MESSAGE_BYTES) };
    let sent = 0;
    let maxBuffered = 0;
    let answers = 0;
    while (slowConsumer.isOpen && sent * MESSAGE_BYTES < FLOOD_LIMIT_BYTES) {
      await seed.app.sendToGroup("room_slowroom", message);
      sent++;
      await nextTurn(); // lets the socket write what it can
      maxBuffered = Math.max(maxBuffered, ...[...seed.app.live.wss.clients].map((ws) => ws.bufferedAmount));
      if (sent % 32 === 0) answers += (await healthy.call("ping_me")).length;
    }
    expect(slowConsumer.isOpen, `still sending to the slow socket after ${sent} messages`).toBe(false);
    expect(maxBuffered).toBeLessThanOrEqual(CAP + MESSAGE_BYTES + 1024);
    expect(answers).toBe(Math.floor(sent / 32));
    // Its close frame waits behind unread data; the connection is cut soon after, and the server keeps nothing.
    await until(() => holds(seed.app, "slowroom").length === 0, "the server to let go of the slow socket");
    expect([...seed.app.live.wss.clients].reduce((sum, ws) => sum + ws.bufferedAmount, 0)).toBeLessThan(1024);
    const closed = closeOf(slow);
    slow.resume();
    // 1008 when the close frame got out before the cut, 1006 (no close frame) when it did not.
    expect([1006, 1008]).toContain((await closed).code);
    expect(await healthy.call("ping_me")).toEqual([{ pong: true }]);
  });
});
