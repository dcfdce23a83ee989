// Per-element debounce: only the last event of a burst runs, once the element has been quiet for `ms`.

const timers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

export function debounce(el: Element, ms: number, fn: () => void): void {
  clearTimeout(timers.get(el));
  timers.set(
    el,
    setTimeout(() => {
      timers.delete(el);
      fn();
    }, ms),
  );
}
