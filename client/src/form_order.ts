// Order within a form: a call from an element of a form first sends that form's debounced calls still waiting,
// so nothing the user did before (an autosave of the last keystrokes) can reach the server after it (a submit).

import { flushDebounced } from "./debounce";
import { formKeyOf } from "./form_of";

/**
 * Settling sends the waiting calls at once, for every kind of call, submits included: the server applies them
 * first, so an invalid submit still finds the newest draft, and a valid one clears a draft that is complete.
 */
export function settleFormOf(el: Element): void {
  const key = formKeyOf(el);
  if (key !== null) flushDebounced((other) => formKeyOf(other) === key);
}

/** Leaving the page or its content (unload, hidden tab, SPA navigation): every waiting call goes now. */
export function settleAll(): void {
  flushDebounced();
}
