// Shows the connection state on the page: <html> attribute and class, the #no-connection element, events.

import {
  CONNECTION_ATTR,
  DISCONNECTED_CLASS,
  NO_CONNECTION_HIDE,
  NO_CONNECTION_ID,
  NO_CONNECTION_SHOW,
} from "./constants";
import { emit } from "./events";
import type { ConnectionState } from "./socket";

/** The last event sent, so failed retries do not repeat `liveview:close`: open and close alternate. */
let announced: ConnectionState | undefined;

export function showConnectionState(state: ConnectionState): void {
  const html = document.documentElement;
  html.setAttribute(CONNECTION_ATTR, state);
  html.classList.toggle(DISCONNECTED_CLASS, state !== "open");
  // "connecting" leaves #no-connection as it is: hidden on first load, still shown while retrying.
  if (state === "connecting") return;
  const lost = state === "closed";
  const banner = document.getElementById(NO_CONNECTION_ID);
  if (banner) {
    banner.hidden = !lost;
    banner.classList.toggle(NO_CONNECTION_SHOW, lost);
    banner.classList.toggle(NO_CONNECTION_HIDE, !lost);
  }
  if (announced !== state) emit(lost ? "close" : "open");
  announced = state;
}
