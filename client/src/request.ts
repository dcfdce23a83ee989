// Sends calls: gives each an id unique to this page, marks it loading until acked, and falls back to a page load for navigation.

import { NAVIGATE_FUNCTION } from "../../src/protocol.ts";
import { randomHex } from "./room";
import { startLoading } from "./loading";
import { messageFor, type Outgoing } from "./message";
import { isOpen, send, sendOnSocket } from "./socket";
import { webUrl } from "./web_url";
import { formKeyOf } from "./form_of";
import { settleAll } from "./form_order";
import { callSent } from "./call_events";

/** Ids are "<page>.<n>": unique across this browser's pages, so the server can recognise a replay. */
const page = randomHex();
let lastId = 0;

/** `fills`: the id of the form whose newest typing this call carries (an autosave), for the outbox. */
export function request(msg: Outgoing, el?: Element, fills?: string): string {
  const id = `${page}.${++lastId}`;
  startLoading(id, el);
  callSent(id, el, fills !== undefined);
  send({ ...msg, id }, fills);
  return id;
}

/** Calls `fn` for an element on the open socket alone (see `sendOnSocket`): no loading state, no replay. */
export function callOnSocket(fn: string, el: HTMLElement): void {
  sendOnSocket({ ...messageFor(fn, el), id: `${page}.${++lastId}` });
}

/** Calls `fn` for an element (click, intersection, init, shortcut...) with its data and form values. */
export function callFrom(fn: string, el: HTMLElement, debounced = false): void {
  // Leaving this content: what is still waiting to be saved goes first.
  if (fn === NAVIGATE_FUNCTION) settleAll();
  if (fn === NAVIGATE_FUNCTION && !isOpen()) {
    // Without a socket the server cannot render the page for us: let the browser load it.
    const url = webUrl(el.dataset.dataUrl ?? el.getAttribute("href") ?? "");
    if (url) location.assign(url);
    return;
  }
  const msg = messageFor(fn, el);
  const key = formKeyOf(el);
  request(msg, el, debounced && typeof key === "string" ? key : undefined);
}
