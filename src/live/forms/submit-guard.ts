// Keeps what happens to a page's form in the order the user did it: once a call from a page removed a form's draft
// (a successful submit, as the seed guide writes it), that page's late autosaves of the form are undone and a
// second identical call (a double click) is refused, for a short while. Needs no message ids: django-liveview's
// client, which neither settles a form's waiting autosaves nor disables a clicked button, is covered too.

import { FORM_DRAFTS_KEY, SUBMITTED_FORMS_KEPT, SUBMITTED_FORMS_KEY, SUBMITTED_LATE_MS } from "../../constants.ts";
import { LiveViewError } from "../../errors.ts";
import type { Content } from "../calls/content.ts";
import type { Session } from "../../session/session.ts";
import { isFormId } from "../../forms/form-id.ts";

/** One submitted form of one page: which call submitted it, with what fields (JSON). */
interface Submitted {
  room: string;
  form: string;
  function: string;
  fields: string;
  /** When it was submitted (ms since the epoch). */
  at: number;
}

export interface FormWatch {
  /** Called once the handler returned: records a submit, or undoes a draft write that came after one. */
  after(): Promise<void>;
}

/** Before a handler runs. Throws `duplicate_submit` for a repeat of the call that submitted this page's form. */
export function watchFormCall(session: Session, content: Content): FormWatch | null {
  const formId = content.form_id;
  const room = content.room;
  if (!isFormId(formId) || typeof room !== "string" || session.readOnly) return null;
  const fields = JSON.stringify(content.form);
  const submitted = submittedList(session).find(
    (s) => s.room === room && s.form === formId && Date.now() - s.at < SUBMITTED_LATE_MS,
  );
  if (submitted && submitted.function === content.function && submitted.fields === fields) {
    throw new LiveViewError(
      "duplicate_submit",
      `form ${formId} was already submitted from this page with these values; it was not sent again`,
    );
  }
  const before = draftJson(session, formId);
  return {
    async after() {
      const now = draftJson(session, formId);
      if (now === before) return;
      if (before !== undefined && now === undefined)
        return markSubmitted(session, { room, form: formId, function: content.function, fields, at: Date.now() });
      // Our client sends a form's waiting autosaves before its other calls (and ids with every call): an autosave
      // of it that arrives after the submit was typed after it, and is kept.
      if (!submitted || typeof content.id === "string") return;
      // A draft written for a form this page already submitted: an autosave that left before the submit arrived after it.
      restoreDraft(session, formId, before);
      await session.save();
      throw new LiveViewError(
        "form_submitted",
        `form ${formId} was already submitted from this page; this later change to its draft was not kept`,
      );
    },
  };
}

function submittedList(session: Session): Submitted[] {
  const list = session.get<unknown>(SUBMITTED_FORMS_KEY);
  return Array.isArray(list) ? (list as Submitted[]) : [];
}

function markSubmitted(session: Session, entry: Submitted): void {
  const others = submittedList(session).filter((s) => !(s.room === entry.room && s.form === entry.form));
  session.set(SUBMITTED_FORMS_KEY, [...others.slice(1 - SUBMITTED_FORMS_KEPT), entry]);
}

function drafts(session: Session): Record<string, unknown> | undefined {
  const value = session.get<unknown>(FORM_DRAFTS_KEY);
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function draftJson(session: Session, formId: string): string | undefined {
  const all = drafts(session);
  return all && Object.hasOwn(all, formId) ? JSON.stringify(all[formId]) : undefined;
}

function restoreDraft(session: Session, formId: string, json: string | undefined): void {
  const all = { ...(drafts(session) ?? {}) };
  if (json === undefined) delete all[formId];
  else all[formId] = JSON.parse(json);
  session.set(FORM_DRAFTS_KEY, all);
}
