// One WebSocket connection: its scope, its groups, and a queue that runs its handlers in arrival order.
// (Its session's events reach it through SessionWatchers, shared by the session's sockets in this process.)

import { randomBytes } from "node:crypto";
import type { Socket } from "node:net";
import type { WebSocket } from "ws";
import { BROADCAST_GROUP, CONSUMER_ID_BYTES, SLOW_READER_CLOSE_MS } from "../../constants.ts";
import { CLOSE_POLICY_VIOLATION } from "../../protocol.ts";
import type { JsonObject } from "../../json.ts";
import { callAck, mergedAck } from "../calls/call-ack.ts";
import { describeFailure } from "../calls/failure-reply.ts";
import { RateLimit } from "./rate-limit.ts";
import type { LiveRuntime } from "../runtime.ts";
import { SocketScope } from "./scope.ts";
import type { TemplateEnvironment } from "../../templates/environment.ts";
import { roomGroup, SEND_TYPE } from "../calls/send.ts";
import { SessionKeepAlive } from "../sync/session-keepalive.ts";
import type { Sequence } from "../../channels/channel-layer.ts";
import { GroupCursors, type ResumePoint } from "../replay/group-cursors.ts";
import { DONE, startNow } from "../../promises.ts";

/** How an acknowledgement of its own starts once serialised (`callAck`). */
const ACK_PREFIX = '{"ack":';

/** Messages held behind one commit, in order. */
interface HeldBatch {
  durable: Promise<void> | null;
  texts: string[];
  /** Acks that ride on one of `texts` (`ack()`): the frame each would have been, by the text's index. */
  acks: Map<number, string> | null;
}

export interface ConnectionInfo {
  cookies: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  path: string;
  room: string;
  sessionKey: string | null;
  /** A reconnecting client's last-seen message per group (live/replay/resume-param.ts). */
  resume?: Map<string, ResumePoint>;
}

export class Consumer {
  /**
   * Unique across processes (a session's events carry it, over Redis too, so its own socket is not told of its own
   * change). One flat string: randomUUID's is built of a dozen pieces, each kept for the socket's life.
   */
  readonly id = randomBytes(CONSUMER_ID_BYTES).toString("base64url");
  readonly scope: SocketScope;
  sessionKey: string | null;
  readonly rateLimit: RateLimit;
  /** Only when pongs keep sessions alive (LIVEVIEW_HEARTBEAT_EXTENDS_SESSION): an idle socket carries no more than it needs. */
  readonly keepAlive: SessionKeepAlive | null;
  /** Set once the peer stopped reading: nothing more is sent, and the socket is on its way out. */
  private dropped = false;
  /** The last queued job, settled; null once the queue has run dry. */
  private queue: Promise<void> | null = null;
  private corked = false;
  /** Messages waiting for commits, in order, each batch behind the transaction open when it was sent. */
  private held: HeldBatch[] | null = null;
  private heldDone: Promise<void> = DONE;
  /** Messages sent so far, and how many when the running job began: what a call sent, an ack may ride on (`ack`). */
  private sent = 0;
  private jobStart = 0;
  /** Two for most sockets (broadcast and the room): an array costs a fraction of a Set's memory. */
  private readonly groups: string[] = [];
  // Replay (issue 19): numbered group messages go through the cursors, once each and in order. Made when the first
  // numbered message arrives, as are the resume points and the leaving jobs: most sockets never need them.
  private cursors: GroupCursors | null = null;
  private readonly resume: Map<string, ResumePoint> | null;
  private leaving: (() => Promise<void>)[] | null = null;
  /** Draining: frames that arrive now run nothing (unacknowledged, the client sends them again elsewhere). */
  settling = false;
  private readonly listener = (message: JsonObject, sequence?: Sequence) => {
    if (sequence) this.groupCursors().receive(message, sequence);
    else if (message.type === SEND_TYPE) this.sendJson(message.message as JsonObject);
  };

  constructor(
    readonly runtime: LiveRuntime,
    private readonly ws: WebSocket,
    info: ConnectionInfo,
  ) {
    this.sessionKey = info.sessionKey;
    this.resume = info.resume ?? null;
    this.rateLimit = new RateLimit(runtime.settings.LIVEVIEW_EVENTS_PER_SECOND, runtime.settings.LIVEVIEW_EVENTS_BURST);
    this.keepAlive = runtime.settings.LIVEVIEW_HEARTBEAT_EXTENDS_SESSION ? new SessionKeepAlive(this) : null;
    this.scope = new SocketScope(runtime.sessions, info.cookies, info.headers, info.path, info.room);
  }

  /** The app's templates: what a handler of an app with its own registry renders with. */
  get templates(): TemplateEnvironment {
    return this.runtime.templates;
  }

  get isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN && !this.dropped;
  }

  /**
   * Queues work behind everything this socket already queued; errors are the job's own business. A job queued
   * behind nothing starts at once: a frame's handler loses no turns of the microtask queue waiting for its turn.
   */
  enqueue(job: () => Promise<void>): Promise<void> {
    const begin = () => {
      this.jobStart = this.sent;
      return job();
    };
    const run = this.queue ? this.queue.then(begin) : startNow(begin);
    const settled: Promise<void> = run.then(
      () => this.ranDry(settled),
      (error) => {
        this.runtime.logger.error("liveview: queued job failed", error);
        this.ranDry(settled);
      },
    );
    this.queue = settled;
    return settled;
  }

  private ranDry(last: Promise<void>): void {
    if (this.queue === last) this.queue = null;
  }

  /** Sends now, or, while saves are not yet committed, once they are: nothing reaches the browser before its data is durable. */
  sendJson(message: JsonObject): void {
    if (!this.isOpen) return;
    this.sent++;
    const text = JSON.stringify(message);
    const durable = this.runtime.sessions.durable();
    if (!this.held) {
      if (durable === null) return this.write(text);
      this.held = [{ durable, texts: [text], acks: null }];
      this.heldDone = this.releaseHeld();
      return;
    }
    // Behind earlier held messages (order), and behind the transaction open now (durability).
    const last = this.held[this.held.length - 1]!;
    if (last.durable === durable) last.texts.push(text);
    else this.held.push({ durable, texts: [text], acks: null });
  }

  /**
   * Acknowledges call `id` (docs/protocol.md, "The acknowledgement"): once its handler has finished, or it was
   * answered without running. While the call's last message waits for a commit, the ack rides on it
   * (`{"target":..,"html":..,"ack":id}`) instead of following it in a frame of its own: the client sees the same
   * things in the same order, in one frame fewer. Otherwise it is a frame of its own, as a `replayed` ack always is.
   */
  ack(id: string | number, replayed = false): void {
    if (!this.isOpen) return;
    const carrier = replayed ? null : this.ackCarrier();
    if (!carrier) return this.sendJson(callAck(id, replayed));
    const at = carrier.texts.length - 1;
    const frame = `${ACK_PREFIX}${JSON.stringify(id)}}`; // JSON.stringify(callAck(id, false)), with no object
    carrier.texts[at] = mergedAck(carrier.texts[at]!, frame);
    (carrier.acks ??= new Map()).set(at, frame);
  }

  /**
   * The held batch whose last message an ack due now may ride on, or null. That message must be one the socket got
   * since the running job (the call) began, and so the last one sent (what was held before is another call's); it
   * must carry no ack yet; and it must wait for the transaction open now, if any, which holds the call's own writes.
   */
  private ackCarrier(): HeldBatch | null {
    const last = this.held?.[this.held.length - 1];
    if (!last || this.sent === this.jobStart) return null;
    const durable = this.runtime.sessions.durable();
    if (durable !== null && durable !== last.durable) return null;
    const at = last.texts.length - 1;
    return last.texts[at]!.startsWith(ACK_PREFIX) || last.acks?.has(at) ? null : last;
  }

  private async releaseHeld(): Promise<void> {
    const held = this.held!;
    while (held.length > 0) {
      const batch = held[0]!;
      try {
        await batch.durable;
        this.writeAll(batch.texts);
      } catch (error) {
        const failure = describeFailure(
          this.runtime.settings,
          this.runtime.logger,
          error,
          "a session save behind a reply failed",
        );
        this.write(
          JSON.stringify({
            error: `Handler error: the session could not be saved (${failure.text}); nothing was changed`,
            ...failure.fields,
          }),
        );
        // The calls are answered, by this error: their acks end the client's wait (and it must not replay them unasked),
        // those that were to ride on a message as frames of their own.
        batch.texts.forEach((text, i) => {
          const riding = batch.acks?.get(i);
          if (riding !== undefined) this.write(riding);
          else if (text.startsWith(ACK_PREFIX)) this.write(text);
        });
      }
      held.shift();
    }
    this.held = null;
  }

  private write(text: string): void {
    if (!this.isOpen) return;
    this.cork();
    this.send(text);
  }

  /** A batch released by its commit leaves at once, in one system call, without waiting for the turn to end. */
  private writeAll(texts: string[]): void {
    const socket = this.corked ? undefined : this.socket();
    socket?.cork();
    for (const text of texts) if (this.isOpen) this.send(text);
    socket?.uncork();
  }

  private send(text: string): void {
    this.ws.send(text);
    if (this.ws.bufferedAmount > this.runtime.settings.LIVEVIEW_MAX_BUFFERED_BYTES) this.dropSlowReader();
  }

  /** `_socket` is ws's own name for the connection, stable across its major versions. */
  private socket(): Socket | undefined {
    return (this.ws as unknown as { _socket?: Socket })._socket;
  }

  /**
   * A peer that does not read would make the server hold everything sent to it: past the cap it gets nothing more.
   * Its close frame queues behind the unread data, so the connection is cut soon after whether or not it arrives.
   */
  private dropSlowReader(): void {
    this.dropped = true;
    this.ws.close(CLOSE_POLICY_VIOLATION, "too slow: messages waited unread past the limit; reconnect");
    setTimeout(() => this.ws.terminate(), SLOW_READER_CLOSE_MS).unref();
  }

  /**
   * Holds this turn's frames (a handler's replies and its ack, when no commit holds them) and writes them in one
   * system call when the turn ends; a handler that awaits I/O between two sends still sends the first at once.
   */
  private cork(): void {
    if (this.corked) return;
    const socket = this.socket();
    if (!socket) return;
    this.corked = true;
    socket.cork();
    setImmediate(() => {
      this.corked = false;
      socket.uncork();
    });
  }

  async join(): Promise<void> {
    await Promise.all([BROADCAST_GROUP, roomGroup(this.scope.room)].map((g) => this.groupAdd(g)));
    if (this.sessionKey) await this.runtime.watchers.watch(this.sessionKey, this);
  }

  async groupAdd(group: string): Promise<void> {
    if (this.groups.includes(group)) return;
    this.groups.push(group);
    const from = this.resume?.get(group);
    if (from) this.groupCursors().hold(group, from);
    this.resume?.delete(group);
    try {
      await this.runtime.channels.groupAdd(group, this.listener);
    } finally {
      // Even when joining failed: the messages held meanwhile go out, or a resync.
      if (from) await this.groupCursors().catchUp(group);
    }
  }

  private groupCursors(): GroupCursors {
    return (this.cursors ??= new GroupCursors(this.runtime.channels, (m) => this.sendJson(m), this.runtime.logger));
  }

  /** Drain: runs no more frames; resolves once the queued handlers have run and their replies are committed and sent. */
  async settle(): Promise<void> {
    this.settling = true;
    await this.enqueue(async () => undefined);
    await this.heldDone;
  }

  /** Runs when the socket goes (presence untracks it). */
  onLeave(job: () => Promise<void>): void {
    (this.leaving ??= []).push(job);
  }

  async groupDiscard(group: string): Promise<void> {
    const index = this.groups.indexOf(group);
    if (index < 0) return;
    this.groups.splice(index, 1);
    await this.runtime.channels.groupDiscard(group, this.listener);
  }

  /** The session ended under a running handler: the socket goes on as one that never had a session. */
  async leaveSession(): Promise<void> {
    this.scope.leaveSession();
    await this.moveToSession(null);
  }

  /** Follows the session to a new key (first save, login, or another tab's cycleKey). */
  async moveToSession(key: string | null): Promise<void> {
    if (key === this.sessionKey) return;
    if (this.sessionKey) await this.runtime.watchers.unwatch(this.sessionKey, this);
    this.sessionKey = key;
    if (key) await this.runtime.watchers.watch(key, this);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  /** Resolves when the connection is closed (the peer answered the close, or it was cut). */
  closed(): Promise<void> {
    if (this.ws.readyState === this.ws.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.ws.once("close", () => resolve()));
  }

  async leave(): Promise<void> {
    this.runtime.uploads.release(this.id); // uploads (docs/guide/uploads.md): a closed page's stop counting
    await Promise.all(
      (this.leaving?.splice(0) ?? []).map((job) =>
        job().catch((e) => this.runtime.logger.error("liveview: leaving failed", e)),
      ),
    );
    if (this.sessionKey) await this.runtime.watchers.unwatch(this.sessionKey, this);
    const groups = this.groups.splice(0);
    await Promise.all(groups.map((g) => this.runtime.channels.groupDiscard(g, this.listener)));
  }
}
