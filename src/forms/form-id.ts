// The form id a message names, checked: it comes from the client and becomes a key of the session's drafts object,
// where names that every object has (`toString`, `constructor`, `__proto__`) are not drafts.

import { FORM_ID_PATTERN } from "../constants.ts";
import { LiveViewError } from "../errors.ts";

export function isFormId(id: unknown): id is string {
  return typeof id === "string" && FORM_ID_PATTERN.test(id) && !(id in Object.prototype);
}

export function checkedFormId(id: unknown): string {
  if (!isFormId(id))
    throw new LiveViewError(
      "invalid_content",
      "form_id must be the id of a form on the page: a letter, then up to 63 letters, digits, _ or -",
    );
  return id;
}
