// Sends calls: gives each an id unique to this page, marks it loading until acked, and falls back to a page load for navigation.

import { NAVIGATE_FUNCTION } from "../../src/protocol.ts";
import { randomHex } from "./room";
import { startLoading } from "./loading";
import { messageFor, type Outgoing } from "./message";
import { isOpen, send } from "./socket";
import { webUrl } from "./web_url";

/** Ids are "<page>.<n>": unique across this browser's pages, so the server can recognise a replay. */
const page = randomHex();
let lastId = 0;

export function request(msg: Outgoing, el?: Element): string {
  const id = `${page}.${++lastId}`;
  startLoading(id, el);
  send({ ...msg, id });
  return id;
}

/** Calls `fn` for an element (click, intersection, init, shortcut...) with its data and form values. */
export function callFrom(fn: string, el: HTMLElement): void {
  if (fn === NAVIGATE_FUNCTION && !isOpen()) {
    // Without a socket the server cannot render the page for us: let the browser load it.
    const url = webUrl(el.dataset.dataUrl ?? el.getAttribute("href") ?? "");
    if (url) location.assign(url);
    return;
  }
  request(messageFor(fn, el), el);
}
