// Per-element debounce: only the last event of a burst runs, once the element has been quiet for `ms`.
// Pending calls can be run at once (flush): before another call of their form, or when the page is left.

interface Pending {
  timer: ReturnType<typeof setTimeout>;
  fn: () => void;
}

/** In the order the bursts began, so a flush sends them in the order the user made them. */
const pending = new Map<Element, Pending>();

export function debounce(el: Element, ms: number, fn: () => void): void {
  const earlier = pending.get(el);
  if (earlier) clearTimeout(earlier.timer);
  pending.delete(el);
  pending.set(el, { fn, timer: setTimeout(() => run(el), ms) });
}

/** Runs now the pending calls of the elements `which` selects (all by default), oldest first. */
export function flushDebounced(which: (el: Element) => boolean = () => true): void {
  for (const el of [...pending.keys()]) if (which(el)) run(el);
}

/** Drops the pending calls of the elements `which` selects: they will not be sent. */
export function cancelDebounced(which: (el: Element) => boolean): void {
  for (const [el, call] of [...pending]) {
    if (!which(el)) continue;
    clearTimeout(call.timer);
    pending.delete(el);
  }
}

/** Whether any element that `which` selects still waits out its debounce. */
export function hasDebounced(which: (el: Element) => boolean): boolean {
  for (const el of pending.keys()) if (which(el)) return true;
  return false;
}

function run(el: Element): void {
  const call = pending.get(el);
  if (!call) return;
  clearTimeout(call.timer);
  pending.delete(el);
  call.fn();
}
