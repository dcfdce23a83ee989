// A reply never overwrites what the user typed after the call left: a field edited since the oldest call still in
// flight was sent keeps its value through a morph (the active field is kept anyway, with its focus and caret).

import { onCallAcked, onCallSent } from "./call_events";

let clock = 0;
let lastSent = 0;
const typedAt = new WeakMap<EventTarget, number>();
/** Calls in flight and when they left. */
const inFlight = new Map<string, number>();

export function startTypedGuard(): void {
  document.addEventListener("input", (e) => e.target && typedAt.set(e.target, ++clock), true);
  onCallSent((id) => inFlight.set(id, (lastSent = ++clock)));
  onCallAcked((id) => inFlight.delete(id));
}

export function typedSinceCallLeft(field: Element): boolean {
  const since = inFlight.size ? Math.min(...inFlight.values()) : lastSent;
  return (typedAt.get(field) ?? 0) > since;
}
