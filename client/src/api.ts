// The small global `window.LiveView` for pages and tests.

import { message } from "./message";
import type { Values } from "./form_values";
import { request } from "./request";
import { connectionState, type ConnectionState } from "./socket";

export interface LiveViewApi {
  /** Calls a server function; returns the call's id, which the server acknowledges. */
  send(fn: string, data?: Values, form?: Values): string;
  /** "connecting" | "open" | "closed". */
  readonly state: ConnectionState;
}

export const api: LiveViewApi = {
  send: (fn, data, form) => request(message(fn, data, form)),
  get state() {
    return connectionState();
  },
};
