// The messages between the benchmark and its child processes (servers and load client), over Node's IPC channel.

import type { Visit } from "./http-session.ts";

/** What a server process says about itself: memory now (after GC when asked) and CPU time used so far. */
export interface ProcessStats {
  rss: number;
  heapUsed: number;
  external: number;
  cpuMicros: number;
  gc: boolean;
}

/** One closed-loop run: C sockets, each sending `message` and awaiting its reply, again and again. */
export interface LoadJob {
  /** `{room}` in the URL is replaced by each socket's room id. */
  url: string;
  origin: string;
  /** One visit (cookie and page token) per socket: the same one C times for a shared session. */
  visits: Visit[];
  connections: number;
  warmupMs: number;
  durationMs: number;
  /**
   * "ack": the reply is the server's acknowledgement of the message id (`{"ack":…}`, or the key ending the handler's
   * last message); "next": the next message received.
   */
  reply: ReplyMode;
}

/** "phoenix": the Phoenix protocol (LiveViewJS): a click on the joined view, answered by its phx_reply. */
export type ReplyMode = "next" | "ack" | "phoenix";

export interface LoadResult {
  /** Round trips completed inside the measured window, and its exact length. */
  roundTrips: number;
  windowMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Every reply of the whole run (warm-up, window, drain) that was not an error: acknowledged increments. */
  acknowledged: number;
  errors: number;
  /** Requests sent and never answered within the drain timeout. */
  unanswered: number;
  /**
   * Messages that were not replies (in "ack" mode: pushes from other sockets, and the handler's own HTML when the
   * ack came in a frame of its own).
   */
  otherMessages: number;
  /** CPU the load client used during the window, as a share of one core. */
  clientCpu: number;
  /** The latency histogram's counts, to merge rounds (see load/histogram.ts). */
  histogram: number[];
}

/** One closed-loop HTTP run: C keep-alive connections GETting `url`, connection i with `cookies[i % length]`. */
export interface HttpJob {
  url: string;
  cookies: string[];
  connections: number;
  warmupMs: number;
  durationMs: number;
}

export interface HttpResult {
  /** 200 responses completed inside the measured window, and its exact length. */
  requests: number;
  windowMs: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** Idle sockets for the memory measurement. */
export interface IdleJob {
  url: string;
  origin: string;
  visits: Visit[];
}

export type ToChild =
  | { type: "stats"; id: number; gc: boolean }
  | { type: "stop"; id: number }
  | { type: "run"; id: number; job: LoadJob }
  | { type: "http"; id: number; job: HttpJob }
  | { type: "open"; id: number; job: IdleJob }
  | { type: "close"; id: number }
  | { type: "listen"; id: number; port: number }
  | { type: "upgrades"; id: number };

export type FromChild =
  | { type: "ready"; port: number }
  | { type: "stats"; id: number; stats: ProcessStats }
  | { type: "window"; id: number; phase: "start" | "end" }
  | { type: "result"; id: number; result: LoadResult }
  | { type: "httpResult"; id: number; result: HttpResult }
  | { type: "opened"; id: number; count: number }
  | { type: "closed"; id: number }
  | { type: "stopped"; id: number }
  | { type: "listening"; id: number; port: number; at: number }
  | { type: "upgrades"; id: number; times: number[] }
  | { type: "error"; id: number; message: string };
