// A client that behaves as our browser client does across restarts: it reconnects (through `pick`, the load
// balancer) with its last-seen group messages, and sends again, in order, the calls not yet acknowledged.

import { WebSocket } from "ws";
import type { JsonObject } from "../../src/json.ts";
import { ACK_REPLAYED_KEY, GROUP_SEQ_KEY, RESUME_PARAM, SOCKET_PATH, SOCKET_TOKEN_PARAM } from "../../src/protocol.ts";

/** The client's own reconnect delay, as the browser's first attempt (full jitter up to its base). */
const RECONNECT_MS = 250;

export class ResumingClient {
  /** Every group message received, in order: [group, history, n] and the message. */
  readonly groupMessages: { stamp: [string, string, number]; message: JsonObject }[] = [];
  readonly resyncs: JsonObject[] = [];
  /** Sockets opened so far (1 until the first reconnect). */
  opened = 0;
  /** Longest time from an acknowledged call to the next acknowledgement while calls were waiting. */
  longestStallMs = 0;
  private ws: WebSocket | null = null;
  private readonly seen = new Map<string, [string, number]>();
  private readonly unacked = new Map<string, { frame: string; done: (reply: JsonObject[]) => void }>();
  private replies: JsonObject[] = [];
  private lastAck = Date.now();
  private nextId = 0;
  private stopped = false;
  private readonly waiters: { test: (m: JsonObject) => boolean; resolve: () => void }[] = [];

  constructor(
    private readonly name: string,
    private readonly browser: { cookie: string; token: string | null },
    private readonly pick: () => string,
    private readonly room = "loadroom",
  ) {}

  async open(): Promise<void> {
    const base = this.pick();
    const params = new URLSearchParams();
    if (this.browser.token) params.set(SOCKET_TOKEN_PARAM, this.browser.token);
    if (this.seen.size) params.set(RESUME_PARAM, JSON.stringify(Object.fromEntries(this.seen)));
    const ws = new WebSocket(`${base.replace(/^http/, "ws")}${SOCKET_PATH}${this.room}/?${params}`, {
      headers: { Origin: base, Cookie: this.browser.cookie },
    });
    ws.on("message", (data) => this.receive(JSON.parse(data.toString()) as JsonObject));
    ws.on("close", () => this.lost(ws));
    ws.on("error", () => undefined);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("close", () => reject(new Error("closed before opening")));
    }).catch(() => undefined);
    if (ws.readyState !== ws.OPEN) return; // `lost` reconnects
    this.ws = ws;
    this.opened++;
    for (const { frame } of this.unacked.values()) ws.send(frame);
  }

  private lost(ws: WebSocket): void {
    if (this.ws !== null && this.ws !== ws) return;
    this.ws = null;
    if (!this.stopped) setTimeout(() => void this.open(), Math.random() * RECONNECT_MS);
  }

  private receive(message: JsonObject): void {
    const stamp = message[GROUP_SEQ_KEY] as [string, string, number] | undefined;
    if (stamp) this.seen.set(stamp[0], [stamp[1], stamp[2]]);
    if (message.action === "resync") this.resyncs.push(message);
    else if (stamp) this.groupMessages.push({ stamp, message });
    // The ack comes alone or as a key of the call's last reply, which is one of the call's replies too.
    const { ack, ...reply } = message;
    if (!stamp && Object.keys(reply).some((k) => k !== ACK_REPLAYED_KEY)) this.replies.push(reply);
    if (ack !== undefined) {
      const call = this.unacked.get(String(ack));
      this.unacked.delete(String(ack));
      const now = Date.now();
      this.longestStallMs = Math.max(this.longestStallMs, now - this.lastAck);
      this.lastAck = now;
      const replies = this.replies;
      this.replies = [];
      call?.done(replies);
    }
    for (const w of [...this.waiters]) {
      if (!w.test(message)) continue;
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve();
    }
  }

  /** Calls a handler with a string id (the server keeps a receipt); resolves with its replies once acknowledged. */
  call(fn: string, data: JsonObject = {}): Promise<JsonObject[]> {
    const id = `${this.name}.${++this.nextId}`;
    const frame = JSON.stringify({ function: fn, data, form: {}, lang: "en", room: this.room, id });
    return new Promise((done) => {
      if (this.unacked.size === 0) this.lastAck = Date.now();
      this.unacked.set(id, { frame, done });
      if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(frame);
    });
  }

  next(test: (m: JsonObject) => boolean): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.stopped = true;
    this.ws?.close();
  }
}
