// Opens load sockets: a browser's upgrade (Origin, Cookie, the page's token), no compression, many at once but not all at once.

import { randomUUID } from "node:crypto";
import { WebSocket } from "ws";
import { CONNECT_TIMEOUT_MS, OPEN_CONCURRENCY } from "../constants.ts";
import type { Visit } from "../http-session.ts";
import { isJoinReply, joinFrame, type PhoenixPage } from "./phoenix.ts";

export interface Target {
  url: string;
  origin: string;
  visits: Visit[];
}

/** A fresh room id, as a page would carry in `<html data-room>` (django-liveview: uuid4().hex). */
export function newRoom(): string {
  return randomUUID().replaceAll("-", "");
}

/**
 * The all-zero masking key (ws's buffer starts zeroed and this leaves it so) lets ws skip XOR-ing each frame
 * it sends, and skipping UTF-8 validation spares the replies a pass: client work only, the same for every server.
 */
const keepZeroMask = (): void => undefined;

export function openSocket(url: string, origin: string, visit: Visit): Promise<WebSocket> {
  const headers: Record<string, string> = { Origin: origin };
  if (visit.cookie) headers.Cookie = visit.cookie;
  if (visit.token) url += `${url.includes("?") ? "&" : "?"}csrf_token=${encodeURIComponent(visit.token)}`;
  const options = {
    headers,
    perMessageDeflate: false,
    skipUTF8Validation: true,
    generateMask: keepZeroMask,
    handshakeTimeout: CONNECT_TIMEOUT_MS,
  };
  const ws = new WebSocket(url, options);
  return new Promise((resolve, reject) => {
    ws.once("open", () => {
      ws.removeAllListeners("error");
      ws.on("error", () => undefined); // a failure after opening shows as a close; the run accounts for it
      if (visit.phoenix) joinView(ws, visit.phoenix).then(() => resolve(ws), reject);
      else resolve(ws);
    });
    ws.once("unexpected-response", (_req, res) =>
      reject(new Error(`upgrade to ${url} refused: HTTP ${res.statusCode}`)),
    );
    ws.once("error", reject);
  });
}

/** A LiveViewJS socket joins its page's view (which mounts it) before it counts as open. */
function joinView(ws: WebSocket, page: PhoenixPage): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no answer to joining ${page.topic} within ${CONNECT_TIMEOUT_MS} ms`)),
      CONNECT_TIMEOUT_MS,
    );
    const onMessage = (data: Buffer) => {
      if (!isJoinReply(data)) return;
      clearTimeout(timer);
      ws.off("message", onMessage);
      resolve();
    };
    ws.on("message", onMessage);
    ws.send(joinFrame(page));
  });
}

/** Opens one socket per visit, each in its own room; `rooms[i]` is socket i's room. */
export async function openSockets(target: Target, rooms: string[]): Promise<WebSocket[]> {
  const sockets: WebSocket[] = new Array(target.visits.length);
  let next = 0;
  const worker = async () => {
    while (next < sockets.length) {
      const i = next++;
      sockets[i] = await openSocket(target.url.replace("{room}", rooms[i]!), target.origin, target.visits[i]!);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(OPEN_CONCURRENCY, sockets.length) }, worker));
  } catch (error) {
    for (const ws of sockets) ws?.terminate();
    throw error;
  }
  return sockets;
}

/** Closes sockets cleanly (close frames both ways), terminating those that take too long. */
export async function closeSockets(sockets: WebSocket[], timeoutMs: number): Promise<void> {
  const open = sockets.filter((ws) => ws.readyState !== WebSocket.CLOSED);
  const closed = Promise.all(
    open.map(
      (ws) =>
        new Promise<void>((resolve) => {
          ws.once("close", () => resolve());
          ws.close();
        }),
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([closed, late]);
  clearTimeout(timer);
  for (const ws of open) if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
}
