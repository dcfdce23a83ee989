// Built-in drafts: a form with data-liveview-draft (and an id) is saved in the session while the user types, and
// filled back from it when it appears (page load, SPA navigation), after a reconnect and when another tab saved it.
// What the user typed in this page is never overwritten by a draft; passwords and files are never drafted.

import { DRAFT_ATTR, DRAFT_DEBOUNCE_MS, EVENT_PREFIX, UNDRAFTED_TYPES } from "./constants";
import {
  CLEAR_DRAFT_FUNCTION,
  DRAFT_RESTORE_ACTION,
  DRAFTS_CHANGED_ACTION,
  LOAD_DRAFT_FUNCTION,
  MAX_DRAFT_BYTES,
  SAVE_DRAFT_FUNCTION,
} from "../../src/protocol.ts";
import type { Behaviour } from "./behaviours";
import { debounce } from "./debounce";
import { emit } from "./events";
import { fillForm } from "./form_fill";
import { formValues, namedFields, type Values } from "./form_values";
import { message } from "./message";
import { request } from "./request";
import { saveFailed } from "./save_status";
import { onCallAcked, onCallSent } from "./call_events";
import { formKeyOf } from "./form_of";

/** Forms the user typed in since they appeared: a draft from the server must not replace that typing. */
const typedIn = new WeakSet<Element>();
const listening = new WeakSet<Element>();
/** Calls from an element of a draft form other than its saves (a submit, say), by id: the form's id. */
const submits = new Map<string, string>();

export const drafts: Behaviour = {
  attrs: [DRAFT_ATTR],
  attach(el) {
    if (!(el instanceof HTMLFormElement) || !el.id) {
      console.warn(`LiveView: ${DRAFT_ATTR} needs a <form> with an id`, el);
      return;
    }
    if (!listening.has(el)) {
      listening.add(el);
      el.addEventListener("input", () => changed(el));
      el.addEventListener("change", () => changed(el));
    }
    load(el);
  },
};

export function startDrafts(): void {
  onCallSent((id, el, autosave) => {
    const key = el && !autosave ? formKeyOf(el) : null;
    if (typeof key === "string" && document.getElementById(key)?.matches(`form[${DRAFT_ATTR}]`)) submits.set(id, key);
  });
  onCallAcked((id) => {
    const formId = submits.get(id);
    submits.delete(id);
    if (formId) clearDraftIfSubmitted(formId);
  });
  document.addEventListener(EVENT_PREFIX + DRAFT_RESTORE_ACTION, (e) => {
    const { form_id, form_data } = (e as CustomEvent<{ form_id: string; form_data: Values }>).detail;
    const form = document.getElementById(String(form_id));
    if (form?.matches(`[${DRAFT_ATTR}]`) && !typedIn.has(form)) fillForm(form, form_data ?? {});
  });
  // Another tab saved (or cleared) a draft: a copy of the form here that nobody typed in takes it.
  document.addEventListener(EVENT_PREFIX + DRAFTS_CHANGED_ACTION, () => draftForms().forEach(load));
  // After a reconnect the server may hold a newer draft (a save this page's outbox delivered, another tab's). The
  // first open needs nothing: each form asked for its draft when it appeared.
  let opened = false;
  document.addEventListener(EVENT_PREFIX + "open", () => (opened ? draftForms().forEach(load) : (opened = true)));
}

/** A successful submit clears the draft: the form's reply removed it from the page (an invalid one re-renders it). */
function clearDraftIfSubmitted(formId: string): void {
  if (document.getElementById(formId)) return;
  request({ ...message(CLEAR_DRAFT_FUNCTION), form_id: formId });
}

function changed(form: HTMLFormElement): void {
  typedIn.add(form);
  const ms = Number(form.getAttribute(DRAFT_ATTR)) || DRAFT_DEBOUNCE_MS;
  debounce(form, ms, () => save(form));
}

function save(form: HTMLFormElement): void {
  const values = draftValues(form);
  if (JSON.stringify(values).length > MAX_DRAFT_BYTES) {
    saveFailed(form.id);
    emit("draft_too_large", { form_id: form.id });
    return;
  }
  request({ ...message(SAVE_DRAFT_FUNCTION, {}, values), form_id: form.id }, form, form.id);
}

function load(form: Element): void {
  if (!typedIn.has(form)) request({ ...message(LOAD_DRAFT_FUNCTION), form_id: form.id });
}

function draftForms(): HTMLFormElement[] {
  return Array.from(document.querySelectorAll<HTMLFormElement>(`form[${DRAFT_ATTR}][id]`));
}

/** The form's values without password and file fields. */
function draftValues(form: HTMLFormElement): Values {
  const values = formValues(form, form.id);
  for (const field of namedFields(form)) {
    if (field instanceof HTMLInputElement && UNDRAFTED_TYPES.includes(field.type)) delete values[field.name];
  }
  return values;
}
