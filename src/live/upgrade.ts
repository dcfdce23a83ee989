// Accepts WebSocket upgrades on /ws/liveview/<room>/: checks the Origin, reads the session cookie, opens a Consumer.

import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { WS_PATH_PREFIX } from "../constants.ts";
import { parseCookies } from "../session/cookie.ts";
import { Consumer } from "./consumer.ts";
import { receive } from "./dispatcher.ts";
import type { LiveRuntime } from "./runtime.ts";

const ROOM = /^[A-Za-z0-9_-]{1,64}$/;

export class LiveEndpoint {
  readonly wss: WebSocketServer;
  readonly consumers = new Set<Consumer>();

  constructor(private readonly runtime: LiveRuntime) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: runtime.settings.MAX_FRAME_BYTES });
  }

  /** True when the request was ours to answer (accepted or refused); false leaves it to other upgrade listeners. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith(WS_PATH_PREFIX)) return false;
    const room = url.pathname.slice(WS_PATH_PREFIX.length).replace(/\/$/, "");
    if (!ROOM.test(room)) return refuse(socket, 400, "Bad Request", "the room id must be 1-64 letters, digits, - or _");
    if (!this.originAllowed(req.headers.origin)) return refuse(socket, 403, "Forbidden", "Origin missing or not in ALLOWED_HOSTS");
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const cookies = parseCookies(req.headers.cookie);
      const consumer = new Consumer(this.runtime, ws, {
        cookies,
        headers: req.headers,
        path: url.pathname,
        room,
        sessionKey: cookies[this.runtime.settings.SESSION_COOKIE_NAME] ?? null,
      });
      this.consumers.add(consumer);
      void consumer.enqueue(() => consumer.join());
      ws.on("message", (data, isBinary) => {
        if (isBinary) consumer.sendJson({ error: "Invalid message: binary frames are not accepted; send JSON text", code: "bad_frame" });
        else receive(consumer, data.toString("utf8"));
      });
      ws.on("error", () => undefined); // a protocol error (e.g. an oversized frame) closes the socket; nothing else to do
      ws.on("close", () => {
        this.consumers.delete(consumer);
        void consumer.enqueue(() => consumer.leave());
      });
    });
    return true;
  }

  private originAllowed(origin: string | undefined): boolean {
    if (!origin) return false;
    let host: string;
    try {
      host = new URL(origin).hostname;
    } catch {
      return false;
    }
    return this.runtime.settings.ALLOWED_HOSTS.some((allowed) => allowed === "*" || allowed === host || (allowed.startsWith(".") && host.endsWith(allowed)));
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await Promise.all([...this.consumers].map((c) => c.leave()));
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function refuse(socket: Duplex, status: number, reason: string, detail: string): true {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(detail)}\r\n\r\n${detail}`);
  return true;
}
