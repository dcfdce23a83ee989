// The notice on the contact page that a draft is waiting, as the page and the other tabs render it.

/** The id of the demo's one form with drafts. */
export const CONTACT_FORM_ID = "contact_form";

export interface Draft {
  data: Record<string, unknown>;
  timestamp: string;
}

/** The context of draft_notice.html: whether there is a draft, and whose name it carries. */
export function draftNotice(draft: Draft | undefined): { has_draft: boolean; draft_name: unknown } {
  return { has_draft: Boolean(draft), draft_name: draft?.data.name ?? "" };
}
