// data-liveview-init="fn": call fn once for each element carrying it, at page load or when an update adds it.

import { INIT_ATTR } from "./constants";
import type { Behaviour } from "./behaviours";
import { callFrom } from "./request";

const done = new WeakSet<Element>();

export const init: Behaviour = {
  attrs: [INIT_ATTR],
  attach(el) {
    const fn = el.getAttribute(INIT_ATTR);
    if (!fn || done.has(el)) return;
    done.add(el);
    callFrom(fn, el);
  },
};
