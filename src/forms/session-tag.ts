// A short public tag of a session, the same one the browser derives from its page's CSRF token: it names the
// browser's outbox, so calls kept for one session are never replayed into another (a login or logout changes it).

import { CSRF_SESSION_KEY } from "../constants.ts";
import { tagOfSecret } from "../protocol.ts";
import type { Session } from "../session/session.ts";

/** The session's tag, or null while it has no CSRF secret (no page of it was rendered yet). */
export function sessionTag(session: Session): string | null {
  const secret = session.get<string | undefined>(CSRF_SESSION_KEY);
  return typeof secret === "string" ? tagOfSecret(Buffer.from(secret, "base64url")) : null;
}
