// Attacks on what one socket may send: oversized, over-fragmented, dribbled, deeply nested, binary and non-UTF-8
// frames. Each gets its documented close code or error, runs no handler, leaves the server holding nothing for
// the socket, and the server keeps serving others.

import { describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { Registry, send } from "../../src/index.ts";
import { seedForFile } from "../helpers.ts";
import {
  BINARY_OPCODE,
  closeOf,
  collect,
  frameHeader,
  holds,
  rawSocket,
  sleep,
  socketCounts,
  TEXT_OPCODE,
  until,
  writeRaw,
} from "./messages-sockets.ts";

/** Every run of the handler the attacks name: none of them may raise it. */
let hits = 0;
/** This test's handlers, beside the fixture's. */
const handlers = new Registry();
handlers.handler("record_hit", async (consumer) => {
  hits++;
  await send(consumer, { hit: hits });
});

const LIMITS = {
  MAX_FRAME_BYTES: 64 * 1024,
  LIVEVIEW_MAX_FRAGMENTS: 8,
  LIVEVIEW_MAX_BUFFERED_CHUNKS: 16,
  LIVEVIEW_MAX_JSON_DEPTH: 32,
};
const seed = seedForFile({ registry: handlers, settings: LIMITS });

const HIT = JSON.stringify({ function: "record_hit", data: {} });

async function close(ws: WebSocket): Promise<void> {
  const closed = closeOf(ws);
  ws.close();
  await closed;
}

let rooms = 0;
async function attacker(): Promise<{ ws: WebSocket; room: string; before: ReturnType<typeof socketCounts> }> {
  const before = socketCounts(seed.app);
  const room = `attack${++rooms}`;
  return { ws: await rawSocket(seed.baseUrl, { room }), room, before };
}

/** The attack closed the socket with `code`; no handler ran; the server holds nothing for it and serves others. */
async function expectClosedAndFreed(
  attack: Awaited<ReturnType<typeof attacker>>,
  closed: Promise<{ code: number; reason: string }>,
  code: number,
): Promise<string> {
  const hitsBefore = hits;
  const { reason } = await closed;
  await until(() => holds(seed.app, attack.room).length === 0, "the server to let go of the socket");
  await until(
    () => JSON.stringify(socketCounts(seed.app)) === JSON.stringify(attack.before),
    "as many sockets as before the attack",
  );
  expect(hits).toBe(hitsBefore);
  const other = await seed.live();
  expect(await other.call("record_hit")).toEqual([{ hit: hitsBefore + 1 }]);
  expect((await closed).code).toBe(code);
  return reason;
}

describe("a frame over MAX_FRAME_BYTES", () => {
  it("closes the socket with 1009 and runs nothing", async () => {
    const attack = await attacker();
    const closed = closeOf(attack.ws);
    const start = hits;
    attack.ws.send(JSON.stringify({ function: "record_hit", data: { text: "x".repeat(70 * 1024) } }));
    await expectClosedAndFreed(attack, closed, 1009);
    expect(hits).toBe(start + 1); // only the other socket's call
  });
});

/** Sends the handler's message as `send` does, and sees its reply come back. */
async function acceptedWhenSent(send: (ws: WebSocket) => void | Promise<void>): Promise<void> {
  const attack = await attacker();
  const got = collect(attack.ws);
  await send(attack.ws);
  await until(() => got.some((m) => "hit" in m), "the handler's reply");
  await close(attack.ws);
}

describe("a message in more fragments than LIVEVIEW_MAX_FRAGMENTS", () => {
  function sendInFragments(ws: WebSocket, text: string, count: number): void {
    const size = Math.ceil(text.length / count);
    for (let i = 0; i < count; i++)
      ws.send(text.slice(i * size, (i + 1) * size), { binary: false, fin: i === count - 1 });
  }

  it("is accepted within the limit", () => acceptedWhenSent((ws) => sendInFragments(ws, HIT, 4)));

  it("closes the socket with 1008 past it, and runs nothing", async () => {
    const attack = await attacker();
    const closed = closeOf(attack.ws);
    const start = hits;
    sendInFragments(attack.ws, HIT.padEnd(200, " "), 30);
    await expectClosedAndFreed(attack, closed, 1008);
    expect(hits).toBe(start + 1);
  });
});

describe("a frame dribbled in more network chunks than LIVEVIEW_MAX_BUFFERED_CHUNKS", () => {
  /** Sends one text frame, its payload split into `chunks` writes with a pause between them. */
  async function dribble(ws: WebSocket, text: string, chunks: number): Promise<void> {
    const payload = Buffer.from(text);
    writeRaw(ws, frameHeader(TEXT_OPCODE, payload.length));
    const size = Math.ceil(payload.length / chunks);
    for (let i = 0; i < chunks && ws.readyState === ws.OPEN; i++) {
      writeRaw(ws, payload.subarray(i * size, (i + 1) * size));
      await sleep(5);
    }
  }

  it("is accepted within the limit", () => acceptedWhenSent((ws) => dribble(ws, HIT, 4)));

  it("closes the socket with 1008 past it, and runs nothing", async () => {
    const attack = await attacker();
    const closed = closeOf(attack.ws);
    const start = hits;
    await dribble(attack.ws, HIT, HIT.length); // a byte at a time
    await expectClosedAndFreed(attack, closed, 1008);
    expect(hits).toBe(start + 1);
  });
});

describe("a message nested deeper than LIVEVIEW_MAX_JSON_DEPTH", () => {
  const nested = (depth: number) => `{"function":"record_hit","data":{"x":${"[".repeat(depth)}${"]".repeat(depth)}}}`;

  async function expectTooDeep(frame: string): Promise<void> {
    const socket = await seed.live();
    const start = hits;
    const reply = socket.next();
    socket.sendRaw(frame);
    expect(await reply).toEqual({
      error: "Invalid message: arrays and objects nested deeper than 32 levels; send flatter data",
      code: "too_deep",
    });
    expect(hits).toBe(start);
    expect(await socket.call("record_hit")).toEqual([{ hit: start + 1 }]);
  }

  it("gets a too_deep error, runs nothing, and the socket stays usable", async () => {
    await expectTooDeep(nested(40)); // 42 levels with the message's own two
  });

  it("is refused as fast when it would exhaust the stack of code that walks it", async () => {
    await expectTooDeep(nested(30_000));
  });

  it("counts only real nesting: brackets and escaped quotes inside strings are text", async () => {
    const socket = await seed.live();
    const text = `\\"${"[{".repeat(100)}`;
    const frame = `{"function":"record_hit","data":{"text":"${text}"},"id":1}`;
    const ack = socket.next((m) => m.ack === 1);
    socket.sendRaw(frame);
    await ack;
    expect(socket.received.some((m) => "hit" in m)).toBe(true);
  });
});

describe("a frame that is not JSON text", () => {
  it("in binary closes the socket with 1003, saying to send JSON text, and runs nothing", async () => {
    const attack = await attacker();
    const closed = closeOf(attack.ws);
    // A binary frame, and a valid text frame right behind it in the same write: once closing, nothing runs.
    const payload = Buffer.from(HIT);
    writeRaw(
      attack.ws,
      Buffer.concat([
        frameHeader(BINARY_OPCODE, payload.length),
        payload,
        frameHeader(TEXT_OPCODE, payload.length),
        payload,
      ]),
    );
    expect(await expectClosedAndFreed(attack, closed, 1003)).toBe("binary frames are not accepted; send JSON text");
  });

  it("with invalid UTF-8 in a text frame closes the socket with 1007, and runs nothing", async () => {
    const attack = await attacker();
    const closed = closeOf(attack.ws);
    attack.ws.send(Buffer.concat([Buffer.from(HIT.slice(0, -1)), Buffer.from([0xff, 0xfe]), Buffer.from("}")]), {
      binary: false,
    });
    await expectClosedAndFreed(attack, closed, 1007);
  });
});
