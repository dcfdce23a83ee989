// The form id a message names, checked: it comes from the client and becomes a key of the session's drafts object,
// where names that every object has (`toString`, `constructor`, `__proto__`) are not drafts.

import { LiveViewError } from "liveview-node";

const FORM_ID = /^[A-Za-z][\w-]{0,63}$/;

export function formIdOf(content: { form_id?: string }): string {
  const id = content.form_id;
  if (typeof id !== "string" || !FORM_ID.test(id) || id in Object.prototype) {
    throw new LiveViewError("invalid_content", "form_id must be the id of a form on the page (data-liveview-form-id)");
  }
  return id;
}
