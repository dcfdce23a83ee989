// The form id a message names, checked by the framework's rule before it becomes a key of the drafts object.

import { checkedFormId } from "liveview-node";

export function formIdOf(content: { form_id?: string }): string {
  return checkedFormId(content.form_id);
}
