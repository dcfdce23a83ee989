// Calls a browser kept in its outbox carry the tag of the session they were made in: one from another session
// (an old login, a tampered entry) is dropped with an error instead of being applied to this session.

import { LiveViewError } from "../../errors.ts";
import type { Content } from "../calls/content.ts";
import type { Session } from "../../session/session.ts";
import { sessionTag } from "../../forms/session-tag.ts";

export function checkOutboxEntry(session: Session, content: Content): void {
  if (content.outbox === undefined) return;
  if (typeof content.outbox !== "string" || content.outbox !== sessionTag(session)) {
    throw new LiveViewError(
      "outbox_wrong_session",
      "this call was kept by the browser for another session (before a login or logout); it was dropped, not applied",
    );
  }
}
