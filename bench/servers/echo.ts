// The baseline: a raw `ws` server that echoes every frame back, the limit for a WebSocket server on Node.

import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { serveParent } from "./stats.ts";

const host = process.env.BENCH_HOST ?? "127.0.0.1";
const wss = new WebSocketServer({ port: 0, host });
await new Promise<void>((resolve) => wss.once("listening", resolve));

wss.on("connection", (ws) => {
  ws.on("message", (data, isBinary) => ws.send(data as Buffer, { binary: isBinary }));
});

serveParent((wss.address() as AddressInfo).port, async () => {
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
});
