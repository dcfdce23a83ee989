// data-liveview-intersect-appear / -disappear: call a function when the element enters or leaves the viewport.

import { INTERSECT_APPEAR_ATTR, INTERSECT_DISAPPEAR_ATTR, INTERSECT_THRESHOLD_ATTR } from "./constants";
import type { Behaviour } from "./behaviours";
import { callFrom } from "./request";

/** One observer per root margin; the threshold attribute is a distance in pixels before the viewport. */
const observers = new Map<string, IntersectionObserver>();
/** Elements currently in view: "disappear" only follows an "appear", never an element first seen off-screen. */
const visible = new WeakSet<Element>();

export const intersect: Behaviour = {
  attrs: [INTERSECT_APPEAR_ATTR, INTERSECT_DISAPPEAR_ATTR, INTERSECT_THRESHOLD_ATTR],
  attach(el) {
    const pixels = parseInt(el.getAttribute(INTERSECT_THRESHOLD_ATTR) ?? "", 10);
    const margin = `${pixels > 0 ? pixels : 0}px`;
    let observer = observers.get(margin);
    if (!observer) observers.set(margin, (observer = new IntersectionObserver(onEntries, { rootMargin: margin })));
    observer.observe(el);
  },
  detach(el) {
    observers.forEach((observer) => observer.unobserve(el));
    visible.delete(el);
  },
};

function onEntries(entries: IntersectionObserverEntry[]): void {
  for (const { target, isIntersecting } of entries) {
    const el = target as HTMLElement;
    const wasVisible = visible.has(el);
    if (isIntersecting === wasVisible) continue;
    if (isIntersecting) visible.add(el);
    else visible.delete(el);
    const fn = el.getAttribute(isIntersecting ? INTERSECT_APPEAR_ATTR : INTERSECT_DISAPPEAR_ATTR);
    if (fn) callFrom(fn, el);
  }
}
