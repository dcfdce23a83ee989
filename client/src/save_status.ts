// Built-in save status: an element with data-liveview-save-status (inside a form, or naming a form's id) reads
// "Saving…" from the first keystroke until every call of that form has been acknowledged, then "Saved".

import { SAVE_STATUS_ATTR, SAVE_STATUS_CLASS_PREFIX, SAVE_STATUS_TEXT } from "./constants";
import { hasDebounced } from "./debounce";
import { formKeyOf, type FormKey } from "./form_of";
import type { Behaviour } from "./behaviours";
import { onCallAcked, onCallSent } from "./call_events";

/** Calls in flight per form. */
const calls = new Map<string, FormKey>();

export function startSaveStatus(): void {
  onCallSent((id, el) => callSent(id, el));
  onCallAcked(callAcknowledged);
  document.addEventListener("input", (e) => mark(e.target, "saving"), true);
  document.addEventListener("change", (e) => mark(e.target, "saving"), true);
}

/** A new status element shows what it knows now. */
export const saveStatus: Behaviour = {
  attrs: [SAVE_STATUS_ATTR],
  attach(el) {
    const key = keyOfStatus(el);
    if (key !== null && busy(key)) show(key, "saving");
  },
};

function callSent(id: string, el?: Element): void {
  const key = el ? formKeyOf(el) : null;
  if (key !== null) calls.set(id, key);
}

function callAcknowledged(id: string): void {
  const key = calls.get(id);
  if (key === undefined) return;
  calls.delete(id);
  // Also after a reply that wrote its own "saved" text while newer typing still waits: that typing is not saved yet.
  show(key, busy(key) ? "saving" : "saved");
}

/** A call of the form was refused (a draft too large, say): the typing is not saved. */
export function saveFailed(key: FormKey): void {
  show(key, "failed");
}

function mark(target: EventTarget | null, state: keyof typeof SAVE_STATUS_TEXT): void {
  if (!(target instanceof Element)) return;
  const key = formKeyOf(target);
  if (key !== null) show(key, state);
}

function busy(key: FormKey): boolean {
  for (const k of calls.values()) if (k === key) return true;
  return hasDebounced((el) => formKeyOf(el) === key);
}

function keyOfStatus(el: Element): FormKey | null {
  const named = el.getAttribute(SAVE_STATUS_ATTR);
  return named ? named : formKeyOf(el);
}

/** What this module last wrote in each status element: other text there came from a reply (the server's words). */
const written = new WeakMap<Element, string>();

function show(key: FormKey, state: keyof typeof SAVE_STATUS_TEXT): void {
  for (const el of document.querySelectorAll(`[${SAVE_STATUS_ATTR}]`)) {
    if (keyOfStatus(el) !== key) continue;
    // A handler that answers with its own "saved" text (the seed's "✓ Draft saved") keeps it once acknowledged.
    const replied = el.textContent !== (written.get(el) ?? "") && el.textContent?.trim() !== "";
    if (!(state === "saved" && replied)) el.textContent = SAVE_STATUS_TEXT[state];
    written.set(el, el.textContent ?? "");
    // A class, not a data-* attribute: behaviours treat an element whose data-* changed as new.
    for (const s of Object.keys(SAVE_STATUS_TEXT)) el.classList.toggle(`${SAVE_STATUS_CLASS_PREFIX}${s}`, s === state);
  }
}
