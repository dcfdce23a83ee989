// data-liveview-connect="fn": calls fn for each element carrying it once per socket, on the first and on every
// reconnect, so what a socket holds on the server (a presence entry, a group) is set up again on the new one. A call
// still unacknowledged when the socket drops is sent again on the new one, and stands for it.

import { CONNECT_ATTR, EVENT_PREFIX } from "./constants";
import type { Behaviour } from "./behaviours";
import { messageFor } from "./message";
import { request } from "./request";
import { isOpen, isUnacked } from "./socket";

/** Sockets opened so far, and the one each element was last called for. */
let opened = 0;
const calledOn = new WeakMap<Element, number>();
const attached = new Set<HTMLElement>();

/** Each element's last call: while it waits for its ack, it is sent again first thing on every new socket. */
const lastCall = new WeakMap<Element, string>();

function call(el: HTMLElement): void {
  const fn = el.getAttribute(CONNECT_ATTR);
  if (!fn || !el.isConnected || calledOn.get(el) === opened) return;
  calledOn.set(el, opened);
  // A second call would pile up behind the first: on a link that keeps dropping, one more per socket, all of them
  // sent again on every open, until no socket lives long enough to get through them.
  const last = lastCall.get(el);
  if (last !== undefined && isUnacked(last)) return;
  lastCall.set(el, request(messageFor(fn, el), el));
}

export function startOnConnect(): void {
  document.addEventListener(EVENT_PREFIX + "open", () => {
    opened++;
    for (const el of [...attached]) {
      if (el.isConnected) call(el);
      else attached.delete(el);
    }
  });
}

export const onConnect: Behaviour = {
  attrs: [CONNECT_ATTR],
  attach(el) {
    attached.add(el);
    if (isOpen() && opened > 0) call(el);
  },
  detach(el) {
    attached.delete(el);
  },
};
