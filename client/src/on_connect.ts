// data-liveview-connect="fn": calls fn for each element carrying it once per socket, on the first and on every
// reconnect, so what a socket holds on the server (a presence entry, a group) is set up again on the new one. The
// call goes on that socket only: a lost one is not replayed on the next socket, which makes its own.

import { CONNECT_ATTR, EVENT_PREFIX } from "./constants";
import type { Behaviour } from "./behaviours";
import { callOnSocket } from "./request";
import { isOpen } from "./socket";

/** Sockets opened so far, and the one each element was last called for. */
let opened = 0;
const calledOn = new WeakMap<Element, number>();
const attached = new Set<HTMLElement>();

function call(el: HTMLElement): void {
  const fn = el.getAttribute(CONNECT_ATTR);
  if (!fn || !el.isConnected || calledOn.get(el) === opened) return;
  calledOn.set(el, opened);
  callOnSocket(fn, el);
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
