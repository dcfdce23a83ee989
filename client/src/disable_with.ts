// data-liveview-disable-with="Sending…": the element is disabled and shows that text while its call is in flight,
// until the server's acknowledgement (across reconnects: the call is sent again, and only its ack ends the wait).

import { DISABLE_WITH_ATTR, LOADING_TIMEOUT_MS } from "./constants";
import { serverAcknowledges } from "./socket";
import { onCallAcked, onCallSent } from "./call_events";

interface Disabled {
  el: HTMLElement;
  /** Its content before (markup: a button may hold an icon). */
  html: string;
  wasDisabled: boolean;
  timer: ReturnType<typeof setTimeout>;
}

const inFlight = new Map<string, Disabled>();

/** Whether a call of this element is still in flight (a second click must not send another). */
export function isDisabledByCall(el: Element): boolean {
  for (const d of inFlight.values()) if (d.el === el) return true;
  return false;
}

function disableWhileSent(id: string, el?: Element): void {
  if (!(el instanceof HTMLElement) || !el.hasAttribute(DISABLE_WITH_ATTR) || isDisabledByCall(el)) return;
  const wasDisabled = "disabled" in el && Boolean((el as HTMLButtonElement).disabled);
  // A server that never acknowledges (django-liveview's) would leave it disabled forever: it gets the loading timeout.
  const timer = setTimeout(() => !serverAcknowledges() && enableAfterReply(id), LOADING_TIMEOUT_MS);
  inFlight.set(id, { el, html: el.innerHTML, wasDisabled, timer });
  const text = el.getAttribute(DISABLE_WITH_ATTR);
  if (text) el.textContent = text;
  el.setAttribute("disabled", "");
}

function enableAfterReply(id: string): void {
  const d = inFlight.get(id);
  if (!d) return;
  inFlight.delete(id);
  clearTimeout(d.timer);
  // A reply may have replaced the element: then there is nothing to give back.
  if (!d.el.isConnected) return;
  d.el.innerHTML = d.html;
  if (!d.wasDisabled) d.el.removeAttribute("disabled");
}

export function startDisableWith(): void {
  onCallSent((id, el) => disableWhileSent(id, el));
  onCallAcked(enableAfterReply);
}
