// The heartbeat after a stall of the server's own: a peer whose pong was already waiting when the server woke up is
// not cut, even though the deadline timer is overdue by then.

import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { afterEach, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { Heartbeat } from "../../../src/live/connection/heartbeat.ts";

const INTERVAL_MS = 50;
const TIMEOUT_MS = 100;
/** Longer than the timeout: the server is busy (a long synchronous job) while the peer answers at once. */
const STALL_MS = 5 * TIMEOUT_MS;
/** Pongs the socket must go on answering, still open, after the stall. */
const PONGS_AFTER = 3;

// The peer lives on a thread of its own, so it answers the ping while the server's thread is stalled.
const PEER = `
const { workerData, parentPort } = require("node:worker_threads");
const WebSocket = require("ws");
const ws = new WebSocket(workerData.url);
ws.on("open", () => parentPort.postMessage("open"));
ws.on("close", (code) => parentPort.postMessage("close " + code));
`;

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it("keeps a socket whose pong arrived while the server was stalled past the timeout", async () => {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await once(wss, "listening");
  cleanups.push(() => new Promise((resolve) => wss.close(resolve)));
  const heartbeat = new Heartbeat(INTERVAL_MS, TIMEOUT_MS);
  cleanups.push(() => heartbeat.close());

  const connected = once(wss, "connection") as Promise<[WebSocket]>;
  const peer = new Worker(PEER, {
    eval: true,
    workerData: { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}` },
  });
  cleanups.push(() => peer.terminate());
  const [ws] = await connected;
  const closes: string[] = [];
  peer.on("message", (m: string) => m.startsWith("close") && closes.push(m));

  let pongs = 0;
  let stalled = false;
  const afterStall = new Promise<void>((resolve) =>
    heartbeat.track(ws, () => {
      if (stalled && ++pongs >= PONGS_AFTER) resolve();
    }),
  );
  // Right after the first ping, the thread stalls, as under a long synchronous job in a handler: the peer's pong
  // arrives meanwhile and waits, unread, while the deadline passes.
  const ping = ws.ping.bind(ws);
  ws.ping = (...args: Parameters<WebSocket["ping"]>) => {
    ping(...args);
    if (stalled) return;
    stalled = true;
    setImmediate(() => {
      const until = Date.now() + STALL_MS;
      while (Date.now() < until); // the stall
    });
  };

  const cut = once(ws, "close").then(() => "cut");
  expect(await Promise.race([afterStall.then(() => "answered"), cut])).toBe("answered");
  expect(ws.readyState).toBe(ws.OPEN);
  expect(closes).toEqual([]);
});
