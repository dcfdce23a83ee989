// Tools for attacking a running server over real sockets: raw frames, close codes, and what the server still holds.

import { WebSocket } from "ws";
import { SOCKET_PATH, SOCKET_TOKEN_PARAM } from "../../src/protocol.ts";
import type { App } from "../../src/index.ts";
import type { TestClient } from "../../src/testing/index.ts";
import type { MemoryChannelLayer } from "../../src/channels/memory.ts";
import { sessionGroup } from "../../src/session/session-key.ts";

export interface RawOptions {
  room: string;
  /** Carries this client's session (cookie and the page's token), as a page's socket would. */
  client?: TestClient;
  /** false: never answer the server's pings, as a peer that vanished would not. */
  autoPong?: boolean;
}

/** A bare `ws` socket, for what LiveClient will not do: fragments, raw bytes, no pongs. */
export async function rawSocket(baseUrl: string, options: RawOptions): Promise<WebSocket> {
  const token = options.client
    ? `?${SOCKET_TOKEN_PARAM}=${encodeURIComponent(await options.client.socketToken())}`
    : "";
  const headers: Record<string, string> = { Origin: baseUrl };
  if (options.client) headers.Cookie = options.client.cookieHeader;
  const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}${SOCKET_PATH}${options.room}/${token}`, {
    headers,
    autoPong: options.autoPong ?? true,
  });
  ws.on("error", () => undefined); // the server cutting the connection is what several tests want
  await new Promise((resolve, reject) =>
    ws.once("open", resolve).once("unexpected-response", () => reject(new Error("upgrade refused"))),
  );
  return ws;
}

/** The close code and reason the client saw; fails when the socket is still open after `ms`. */
export function closeOf(ws: WebSocket, ms = 5000): Promise<{ code: number; reason: string }> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve({ code: -1, reason: "already closed" });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the socket was still open after ${ms} ms`)), ms);
    ws.once("close", (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

/** The messages a socket receives from now on, parsed. */
export function collect(ws: WebSocket): Record<string, unknown>[] {
  const got: Record<string, unknown>[] = [];
  ws.on("message", (data) => got.push(JSON.parse(data.toString()) as Record<string, unknown>));
  return got;
}

/** Writes bytes on the connection under the socket, bypassing its framing. */
export function writeRaw(ws: WebSocket, bytes: Buffer): void {
  (ws as unknown as { _socket: import("node:net").Socket })._socket.write(bytes);
}

/** The header of a masked client frame (zero mask: the payload goes as is) of `length` bytes. */
export function frameHeader(opcode: number, length: number, fin = true): Buffer {
  const first = (fin ? 0x80 : 0) | opcode;
  const mask = Buffer.alloc(4);
  if (length < 126) return Buffer.concat([Buffer.from([first, 0x80 | length]), mask]);
  const header = Buffer.from([first, 0x80 | 126, 0, 0]);
  header.writeUInt16BE(length, 2);
  return Buffer.concat([header, mask]);
}

export const TEXT_OPCODE = 0x1;
export const BINARY_OPCODE = 0x2;

/** Resolves once `check` holds; fails after `ms` with `what`. */
export async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether the server still holds anything for the sockets of `room` (and of `sessionKey`): its consumer, its ws
 * object, its heartbeat entry, its groups and its session watcher. These are the only references the server keeps
 * to a socket's state, so once all are gone its memory can be collected.
 */
export function holds(app: App, room: string, sessionKey: string | null = null): string[] {
  const channels = app.channels as MemoryChannelLayer;
  const held: string[] = [];
  if ([...app.live.consumers].some((c) => c.scope.room === room)) held.push("consumer");
  if (channels.hasGroup(`room_${room}`)) held.push("room group");
  if (sessionKey !== null && channels.hasGroup(sessionGroup(sessionKey))) held.push("session watcher");
  return held;
}

/** Counts of every socket the server tracks: equal before and after an attack means nothing leaked. */
export function socketCounts(app: App): { consumers: number; clients: number; heartbeat: number } {
  return { consumers: app.live.consumers.size, clients: app.live.wss.clients.size, heartbeat: app.live.heartbeat.size };
}
