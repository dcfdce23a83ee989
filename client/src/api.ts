// The small global `window.LiveView` for pages and tests.

import { message } from "./message";
import type { Values } from "./form_values";
import { request } from "./request";
import { connectionState, dropConnection, unackedCount, type ConnectionState } from "./socket";
import { hasDebounced } from "./debounce";
import { disableLatencySim, enableLatencySim } from "./latency_sim";

export interface LiveViewApi {
  /** Calls a server function; returns the call's id, which the server acknowledges. */
  send(fn: string, data?: Values, form?: Values): string;
  /** "connecting" | "open" | "closed". */
  readonly state: ConnectionState;
  /** Open, no call waiting out a debounce, none in flight or queued: what a test waits for before it reads the page. */
  readonly idle: boolean;
  /** Every frame of this tab waits `ms` (sent and received), across reloads, until `disableLatencySim()`. */
  enableLatencySim(ms: number): void;
  disableLatencySim(): void;
  /** Drops the socket; the client reconnects and sends again what was not acknowledged (for tests and trials). */
  dropConnection(): void;
}

export const api: LiveViewApi = {
  send: (fn, data, form) => request(message(fn, data, form)),
  get state() {
    return connectionState();
  },
  get idle() {
    return connectionState() === "open" && unackedCount() === 0 && !hasDebounced(() => true);
  },
  enableLatencySim,
  disableLatencySim,
  dropConnection,
};
