// Order within a form: a call from an element of a form first sends that form's debounced calls still waiting,
// so nothing the user did before (an autosave of the last keystrokes) can reach the server after it (a submit).

import { SETTLE_ATTR } from "./constants";
import { cancelDebounced, flushDebounced } from "./debounce";
import { formKeyOf } from "./form_of";

/**
 * Settling sends the waiting calls at once, for every kind of call, submits included: the server applies them
 * first, so an invalid submit still finds the newest draft, and a valid one clears a draft that is complete.
 * An element with data-liveview-settle="drop" (a "Restore draft" button) drops them instead: the user asked for
 * what was saved, and the typing since must not overwrite it first.
 */
export function settleFormOf(el: Element): void {
  const key = formKeyOf(el);
  if (key === null) return;
  const sameForm = (other: Element) => formKeyOf(other) === key;
  if (el.getAttribute(SETTLE_ATTR) === "drop") cancelDebounced(sameForm);
  else flushDebounced(sameForm);
}

/** Leaving the page or its content (unload, hidden tab, SPA navigation): every waiting call goes now. */
export function settleAll(): void {
  flushDebounced();
}
