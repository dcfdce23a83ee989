// A real WebSocket for tests, carrying a TestClient's cookie: call handlers and get back what the server sent.

import { WebSocket } from "ws";
import type { JsonObject } from "../json.ts";
import { ACK_KEY, ACK_REPLAYED_KEY, RESUME_PARAM, SOCKET_TOKEN_PARAM, SOCKET_PATH } from "../protocol.ts";

export interface LiveClientOptions {
  cookie?: string;
  /** The page's CSRF token (`TestClient.socketToken()`, or `pageToken(html)`): without it the cookie's session is not given. */
  token?: string | null;
  origin?: string;
  room?: string;
  /** A reconnect's last-seen message per group, `{ "<group>": ["<history>", n] }` (what our browser client sends). */
  resume?: Record<string, [string, number]>;
}

export class LiveClient {
  readonly received: JsonObject[] = [];
  private nextId = 1;
  private readonly waiters: { test: (m: JsonObject) => boolean; resolve: (m: JsonObject) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const message = JSON.parse(data.toString()) as JsonObject;
      this.received.push(message);
      for (const w of [...this.waiters]) {
        if (w.test(message)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(message);
        }
      }
    });
  }

  /** Opens `ws://host/ws/liveview/<room>/` on the server at `baseUrl` (http://host:port). */
  static connect(baseUrl: string, options: LiveClientOptions = {}): Promise<LiveClient> {
    const params = new URLSearchParams();
    if (options.token) params.set(SOCKET_TOKEN_PARAM, options.token);
    if (options.resume) params.set(RESUME_PARAM, JSON.stringify(options.resume));
    const query = params.size ? `?${params}` : "";
    const url = baseUrl.replace(/^http/, "ws") + SOCKET_PATH + (options.room ?? "testroom") + "/" + query;
    const headers: Record<string, string> = { Origin: options.origin ?? baseUrl };
    if (options.cookie) headers.Cookie = options.cookie;
    const ws = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(new LiveClient(ws)));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once("error", reject);
    });
  }

  /**
   * Calls a handler and resolves with every message the server sent for it, once it has finished, without the ack
   * (`received` keeps the frames as they came: the ack may ride on the last message; see `callReplies`).
   */
  async call(
    fn: string,
    content: { data?: JsonObject; form?: JsonObject; form_id?: string; lang?: string } = {},
  ): Promise<JsonObject[]> {
    const id = this.nextId++;
    const start = this.received.length;
    const ack = this.next((m) => m.ack === id);
    this.ws.send(JSON.stringify({ function: fn, data: {}, form: {}, lang: "en", room: "testroom", ...content, id }));
    await ack;
    return callReplies(this.received.slice(start), id);
  }

  sendRaw(frame: string | Buffer): void {
    this.ws.send(frame);
  }

  /** The next message (from now) that passes `test`. */
  next(test: (m: JsonObject) => boolean = () => true): Promise<JsonObject> {
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  closed(): Promise<{ code: number; reason: string }> {
    if (this.ws.readyState === this.ws.CLOSED) return Promise.resolve({ code: -1, reason: "already closed" });
    return new Promise((resolve) =>
      this.ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  close(): Promise<void> {
    const done = this.closed().then(() => undefined);
    this.ws.close();
    return done;
  }
}

/**
 * The messages of call `id` among `messages` (what a socket received from when the call was sent until its ack), as
 * its handler sent them: the ack, a frame of its own or a key of the last message, is left out.
 */
export function callReplies(messages: JsonObject[], id: string | number): JsonObject[] {
  const replies: JsonObject[] = [];
  for (const message of messages) {
    if (message[ACK_KEY] !== id) replies.push(message);
    else if (!(ACK_REPLAYED_KEY in message) && Object.keys(message).length > 1) {
      const { [ACK_KEY]: _ack, ...reply } = message;
      replies.push(reply);
    }
  }
  return replies;
}
