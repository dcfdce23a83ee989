// Accepts WebSocket upgrades on /ws/liveview/<room>/: checks the Origin and the page's token, opens a Consumer.

import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { CLOSE_UNSUPPORTED_DATA, RESUME_PARAM, SOCKET_PATH } from "../../protocol.ts";
import { ERRORS } from "../../errors.ts";
import { parseCookies } from "../../session/cookie.ts";
import { answerAndClose } from "./answer-and-close.ts";
import { Consumer, type ConnectionInfo } from "./consumer.ts";
import { flatString } from "./flat-string.ts";
import { receive } from "../calls/dispatcher.ts";
import { Heartbeat } from "./heartbeat.ts";
import { checkOrigin } from "./origin.ts";
import { socketSessionKey } from "./socket-token.ts";
import type { LiveRuntime } from "../runtime.ts";
import { parseResume } from "../replay/resume-param.ts";

const ROOM = /^[A-Za-z0-9_-]{1,64}$/;

export class LiveEndpoint {
  readonly wss: WebSocketServer;
  readonly consumers = new Set<Consumer>();
  readonly heartbeat: Heartbeat;
  /** Set by a drain (server/drain.ts): new sockets are refused with 503, to be taken by another process. */
  draining = false;

  constructor(private readonly runtime: LiveRuntime) {
    const s = runtime.settings;
    // ws's own defaults (100 MiB frames, 16,384 fragments, 262,144 chunks) would let one socket hold far more
    // memory than a page ever needs; past each of ours, ws closes the socket (1009 for size, 1008 for the others).
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: s.MAX_FRAME_BYTES,
      maxFragments: s.LIVEVIEW_MAX_FRAGMENTS,
      maxBufferedChunks: s.LIVEVIEW_MAX_BUFFERED_CHUNKS,
    });
    this.heartbeat = new Heartbeat(s.LIVEVIEW_PING_INTERVAL_MS, s.LIVEVIEW_PING_TIMEOUT_MS);
  }

  /** True when the request was ours to answer (accepted or refused); false leaves it to other upgrade listeners. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      // `//[` and the like: a throw here would be an uncaught exception in node:http's upgrade event.
      if (!(req.url ?? "").startsWith(SOCKET_PATH)) return false;
      return refuse(socket, 400, "Bad Request", "the request's URL is malformed");
    }
    if (!url.pathname.startsWith(SOCKET_PATH)) return false;
    if (this.draining) return refuse(socket, 503, "Service Unavailable", "this server is restarting; connect again");
    const room = url.pathname.slice(SOCKET_PATH.length).replace(/\/$/, "");
    if (!ROOM.test(room)) return refuse(socket, 400, "Bad Request", "the room id must be 1-64 letters, digits, - or _");
    const origin = checkOrigin(req, this.runtime.settings);
    if (!origin.ok) return refuse(socket, 403, "Forbidden", origin.reason);
    void this.accept(req, socket, head, url, room);
    return true;
  }

  private async accept(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, room: string): Promise<void> {
    const cookies = parseCookies(req.headers.cookie);
    let sessionKey: string | null;
    try {
      sessionKey = await socketSessionKey(cookies, url, this.runtime);
    } catch (error) {
      // Fail closed: a socket whose session cannot be checked gets no socket, rather than the wrong session.
      const detail = this.runtime.settings.DEBUG && error instanceof Error ? ` (${error.message})` : "";
      this.runtime.logger.error(
        `liveview: a socket was refused: its session could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
      refuse(
        socket,
        ERRORS.store_unavailable.status,
        "Service Unavailable",
        `${ERRORS.store_unavailable.publicText}${detail}`,
      );
      return;
    }
    const info: ConnectionInfo = {
      cookies,
      headers: req.headers,
      path: flatString(url.pathname),
      room: flatString(room),
      sessionKey,
      // Only a reconnecting client names where it stood; a first socket keeps no map.
      resume: url.searchParams.has(RESUME_PARAM) ? parseResume(url.searchParams.get(RESUME_PARAM)) : undefined,
    };
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, info));
  }

  /**
   * A method of its own so that the socket's listeners, which live as long as it does, hold only the socket and its
   * consumer: closures made in `accept` would keep the upgrade request, its URL and its first bytes alive with them.
   */
  private open(ws: WebSocket, info: ConnectionInfo): void {
    const consumer = new Consumer(this.runtime, ws, info);
    this.consumers.add(consumer);
    void consumer.enqueue(() => consumer.join());
    this.heartbeat.track(ws, () => consumer.keepAlive?.onPong());
    ws.on("message", (data, isBinary) => {
      // Not a message of this protocol at all: say so in the close, rather than answer frame after frame.
      if (isBinary) consumer.close(CLOSE_UNSUPPORTED_DATA, "binary frames are not accepted; send JSON text");
      else if (!consumer.settling) receive(consumer, data.toString("utf8"));
    });
    ws.on("error", () => undefined); // a protocol error (e.g. an oversized frame) closes the socket; nothing else to do
    ws.on("close", () => {
      this.consumers.delete(consumer);
      void consumer.enqueue(() => consumer.leave());
    });
  }

  async close(): Promise<void> {
    this.heartbeat.close();
    for (const client of this.wss.clients) client.terminate();
    await Promise.all([...this.consumers].map((c) => c.leave()));
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** A refused upgrade: its status and why, then the connection closed (see answer-and-close.ts). */
function refuse(socket: Duplex, status: number, reason: string, detail: string): true {
  answerAndClose(socket, status, reason, detail);
  return true;
}
