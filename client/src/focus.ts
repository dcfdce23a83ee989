// data-liveview-focus="true": focus the first such element that appears, at page load or added by an update.

import { FOCUS_ATTR, FOCUS_DELAY_MS } from "./constants";
import type { Behaviour } from "./behaviours";

/** Each element is auto-focused once, so a morph that merely moves it does not steal the focus again. */
const done = new WeakSet<Element>();
let candidates: HTMLElement[] = [];

export const focus: Behaviour = {
  attrs: [FOCUS_ATTR],
  attach(el) {
    if (el.getAttribute(FOCUS_ATTR) !== "true" || done.has(el)) return;
    if (!candidates.length) setTimeout(focusFirst, FOCUS_DELAY_MS);
    candidates.push(el);
  },
};

/** Hidden or disabled elements refuse focus(); the first one that takes it wins. */
function focusFirst(): void {
  const list = candidates;
  candidates = [];
  for (const el of list) {
    done.add(el);
    el.focus();
    if (document.activeElement === el) return;
  }
}
