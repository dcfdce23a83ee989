// The WebSocket: connects, reconnects forever with jittered backoff, queues frames sent while it is down,
// and sends again, after a reconnect, the calls the server never acknowledged.

import { PAGE_ONLY_FUNCTIONS, RECONNECT_BASE_MS, RECONNECT_GROWTH, RECONNECT_MAX_MS, UNACKED_KEPT } from "./constants";
import { CLOSE_SESSION_ENDED, SOCKET_PATH, SOCKET_TOKEN_PARAM } from "../../src/protocol.ts";
import { forget, keep, noteServerAcks, serverAcksKnown, type OutboxEntry } from "./outbox";
import { withResume } from "./replay";
import { reloadAfterSessionEnd, watchLeaving } from "./session_end_reload";
import { afterLatency } from "./latency_sim";

export type ConnectionState = "connecting" | "open" | "closed";

interface Handlers {
  message(data: unknown): void;
  state(state: ConnectionState): void;
}

let url = "";
let handlers: Handlers;
let ws: WebSocket | undefined;
let current: ConnectionState = "closed";
let attempt = 0;
let retry: ReturnType<typeof setTimeout> | undefined;
/** Calls not yet acknowledged, in order; `sent` tells whether the current socket carried them. */
const unacked = new Map<string, { text: string; sent: boolean }>();
/** Whether this server acknowledges calls (ours does; django-liveview's does not, and must not get replays). */
let acking = false;

export function socketUrl(room: string, token: string | null): string {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const query = token ? `?${SOCKET_TOKEN_PARAM}=${encodeURIComponent(token)}` : "";
  return `${scheme}://${location.host}${SOCKET_PATH}${encodeURIComponent(room)}/${query}`;
}

export function connect(to: string, on: Handlers): void {
  url = to;
  handlers = on;
  watchLeaving();
  // An earlier page of this origin saw this server acknowledge: a cut before this page's first ack must not make
  // it forget its calls (the outbox's among them) as if the server were one that never acknowledges.
  acking = serverAcksKnown();
  open();
  // The browser knows before our backoff does that the network is back.
  addEventListener("online", () => current === "closed" && open());
}

/** Where the next (re)connect goes: the page's token changed. The open socket stays as it is. */
export function retarget(to: string): void {
  url = to;
}

export const connectionState = (): ConnectionState => current;
export const isOpen = (): boolean => current === "open";
/** Closes the socket as a lost network would; the client reconnects as after any drop. */
export function dropConnection(): void {
  ws?.close();
}

/** Calls sent or queued and not yet acknowledged. */
export const unackedCount = (): number => unacked.size;

/** Sends now, or queues until the next open; frames keep their order. Until acknowledged, the outbox keeps it too. */
export function send(frame: { id: string; function?: string }, fills?: string): void {
  const text = JSON.stringify(frame);
  const sent = Boolean(ws && current === "open");
  if (sent) {
    const socket = ws!;
    afterLatency(() => socket.send(text));
  }
  unacked.set(frame.id, { text, sent });
  if (!PAGE_ONLY_FUNCTIONS.includes(frame.function ?? ""))
    keep({ id: frame.id, text, at: Date.now(), ...(fills ? { fills } : {}) });
  if (!acking) forgetSent(UNACKED_KEPT);
}

/**
 * Sends on the open socket only, or not at all: for a call that sets up what this socket holds on the server (a
 * presence entry, a group), which the next socket sets up again itself. It is never queued, replayed or kept in the
 * outbox, so reconnects over a bad link do not pile such calls up.
 */
export function sendOnSocket(frame: { id: string }): boolean {
  const socket = ws;
  if (!socket || current !== "open") return false;
  const text = JSON.stringify(frame);
  afterLatency(() => socket.send(text));
  return true;
}

/** Calls an earlier page of this session left unacknowledged: they go first, on the next open. */
export function adopt(entries: OutboxEntry[]): void {
  for (const entry of entries) unacked.set(entry.id, { text: entry.text, sent: false });
}

/** The server has handled call `id`; it will not be sent again. False when it was acknowledged before (a copy). */
export function acknowledged(id: string): boolean {
  acking = true;
  noteServerAcks();
  const waited = unacked.delete(id);
  forget(id);
  return waited;
}

/** Whether this server was seen acknowledging calls (django-liveview's never does). */
export const serverAcknowledges = (): boolean => acking;

/** Drops calls already sent, oldest first, beyond `keep` of them (a server that never acknowledges). */
function forgetSent(kept: number): void {
  const sent = [...unacked].filter(([, call]) => call.sent);
  for (const [id] of sent.slice(0, Math.max(0, sent.length - kept))) {
    unacked.delete(id);
    forget(id);
  }
}

/** Full jitter: anywhere between 0 and the exponential ceiling, so many tabs do not reconnect in step. */
export function backoff(failures: number): number {
  return Math.random() * Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * RECONNECT_GROWTH ** failures);
}

function open(): void {
  clearTimeout(retry);
  // With the last group messages seen, so the server sends what this page missed while away.
  const socket = (ws = new WebSocket(withResume(url)));
  setState("connecting");
  socket.onopen = () => {
    attempt = 0;
    // Flush before announcing "open", so a listener's new call cannot overtake queued ones. Calls the last
    // socket carried but the server never acknowledged go again: the server skips those it already applied.
    for (const call of unacked.values()) {
      socket.send(call.text);
      call.sent = true;
    }
    setState("open");
  };
  socket.onmessage = (event) => afterLatency(() => receive(event));
  socket.onclose = (event) => {
    if (ws !== socket) return;
    // Signed out (in this tab or another): what the page shows belongs to a session that is gone.
    if (event.code === CLOSE_SESSION_ENDED) return reloadAfterSessionEnd();
    if (!acking) forgetSent(0);
    setState("closed");
    retry = setTimeout(open, backoff(attempt++));
  };
}

function receive(event: MessageEvent): void {
  let data: unknown;
  try {
    data = JSON.parse(String(event.data));
  } catch {
    console.error("LiveView: the server sent a frame that is not JSON:", event.data);
    return;
  }
  handlers.message(data);
}

function setState(state: ConnectionState): void {
  current = state;
  handlers.state(state);
}
