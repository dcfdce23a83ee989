// Loading state: the triggering element and <html> carry data-liveview-loading until the server acks.

import { BUSY_ATTR, LOADING_ATTR, LOADING_TIMEOUT_MS } from "./constants";

interface Pending {
  el?: Element;
  timer: ReturnType<typeof setTimeout>;
}

const pending = new Map<string, Pending>();

export function startLoading(id: string, el?: Element): void {
  pending.set(id, { el, timer: setTimeout(() => endLoading(id), LOADING_TIMEOUT_MS) });
  document.documentElement.setAttribute(LOADING_ATTR, "");
  el?.setAttribute(LOADING_ATTR, "");
  el?.setAttribute(BUSY_ATTR, "true");
}

export function endLoading(id: string): void {
  const request = pending.get(id);
  if (!request) return;
  clearTimeout(request.timer);
  pending.delete(id);
  const { el } = request;
  if (el && !isLoading(el)) {
    el.removeAttribute(LOADING_ATTR);
    el.removeAttribute(BUSY_ATTR);
  }
  if (!pending.size) document.documentElement.removeAttribute(LOADING_ATTR);
}

/** A closed socket will never deliver the acks of what it carried. */
export function endAllLoading(): void {
  pending.forEach((_, id) => endLoading(id));
}

/** Whether the element still waits for one of its calls (several may be in flight). */
export function isLoading(el: Element): boolean {
  for (const request of pending.values()) if (request.el === el) return true;
  return false;
}
