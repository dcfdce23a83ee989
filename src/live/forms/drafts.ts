// Built-in form drafts: forms marked `data-liveview-draft` are saved in the session as the user types, with no
// handler code of the application. Same place and shape as the seed guide's recipe (`form_drafts[formId]`).

import { FORM_DRAFTS_KEY, MAX_DRAFT_FORMS } from "../../constants.ts";
import {
  CLEAR_DRAFT_FUNCTION,
  CSRF_FIELD,
  DRAFT_RESTORE_ACTION,
  DRAFT_SAVED_ACTION,
  DRAFTS_CHANGED_ACTION,
  LOAD_DRAFT_FUNCTION,
  MAX_DRAFT_BYTES,
  SAVE_DRAFT_FUNCTION,
} from "../../protocol.ts";
import { LiveViewError } from "../../errors.ts";
import type { JsonObject } from "../../json.ts";
import type { Consumer } from "../connection/consumer.ts";
import type { Content } from "../calls/content.ts";
import type { Registry } from "../calls/registry.ts";
import { send } from "../calls/send.ts";
import type { Session } from "../../session/session.ts";
import { checkedFormId } from "../../forms/form-id.ts";

export interface Draft {
  data: JsonObject;
  timestamp: string;
}

export function draftsOf(session: Session): Record<string, Draft> {
  const value = session.get<unknown>(FORM_DRAFTS_KEY);
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, Draft>) : {};
}

async function saveDraft(consumer: Consumer, content: Content): Promise<void> {
  const formId = checkedFormId(content.form_id);
  const data: JsonObject = { ...(content.form as JsonObject) };
  delete data[CSRF_FIELD];
  const bytes = Buffer.byteLength(JSON.stringify(data));
  if (bytes > MAX_DRAFT_BYTES) {
    throw new LiveViewError(
      "draft_too_large",
      `the draft of ${formId} is ${bytes} bytes, more than the ${MAX_DRAFT_BYTES} a draft may hold; the saved draft was kept as it was`,
    );
  }
  const session = consumer.scope.session;
  const timestamp = new Date().toISOString();
  const others = Object.entries(draftsOf(session)).filter(([id]) => id !== formId);
  // The oldest drafts go first once a session holds too many forms' drafts.
  const kept = others
    .sort(([, a], [, b]) => String(a.timestamp).localeCompare(String(b.timestamp)))
    .slice(1 - MAX_DRAFT_FORMS);
  session.set(FORM_DRAFTS_KEY, Object.fromEntries([...kept, [formId, { data, timestamp }]]));
  await send(consumer, { action: DRAFT_SAVED_ACTION, form_id: formId, saved_at: timestamp });
}

async function loadDraft(consumer: Consumer, content: Content): Promise<void> {
  const formId = checkedFormId(content.form_id);
  const draft = Object.hasOwn(draftsOf(consumer.scope.session), formId)
    ? draftsOf(consumer.scope.session)[formId]
    : undefined;
  if (draft)
    await send(consumer, {
      action: DRAFT_RESTORE_ACTION,
      form_id: formId,
      form_data: draft.data,
      saved_at: draft.timestamp,
    });
  else await send(consumer, { action: "no_draft_found", form_id: formId });
}

function clearDraft(consumer: Consumer, content: Content): void {
  const formId = checkedFormId(content.form_id);
  const session = consumer.scope.session;
  const all = draftsOf(session);
  if (!Object.hasOwn(all, formId)) return;
  const { [formId]: _gone, ...rest } = all;
  session.set(FORM_DRAFTS_KEY, rest);
}

/** Other tabs of the session hear which drafts exist and when each was saved; they load the ones they show. */
async function tellOtherTabs(consumer: Consumer): Promise<void> {
  const saved = Object.fromEntries(
    Object.entries(draftsOf(consumer.scope.session)).map(([id, d]) => [id, String(d.timestamp)]),
  );
  await send(consumer, { action: DRAFTS_CHANGED_ACTION, saved });
}

/** Registers the built-in handlers and the other-tabs reaction, unless the application registered its own. */
export function registerDrafts(registry: Registry): void {
  const handlers: [string, (consumer: Consumer, content: Content) => unknown][] = [
    [SAVE_DRAFT_FUNCTION, saveDraft],
    [LOAD_DRAFT_FUNCTION, loadDraft],
    [CLEAR_DRAFT_FUNCTION, clearDraft],
  ];
  for (const [name, handler] of handlers) if (!registry.get(name)) registry.register(name, null, handler as never);
  if (!registry.reactions.some((r) => r.reaction === tellOtherTabs))
    registry.onSessionChange(FORM_DRAFTS_KEY, tellOtherTabs);
}
