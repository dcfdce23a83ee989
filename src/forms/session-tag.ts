// A short public tag of a session, the same one the browser derives from its page's CSRF token: it names the
// browser's outbox, so calls kept for one session are never replayed into another (a login or logout changes it).

import { CSRF_SESSION_KEY } from "../constants.ts";
import type { Session } from "../session/session.ts";

/** FNV-1a offsets of the tag's two 32-bit halves, and the FNV prime; the client computes the same (client/src/session_tag.ts). */
const FNV_OFFSETS = [0x811c9dc5, 0x050c5d1f];
const FNV_PRIME = 0x01000193;
const HEX_RADIX = 16;
const HALF_WIDTH = 8;

/** Not a secret and not a MAC: it only has to differ between sessions (the secret it is made from is random). */
export function tagOfSecret(secret: Uint8Array): string {
  return FNV_OFFSETS.map((offset) => {
    let h = offset;
    for (const byte of secret) h = Math.imul(h ^ byte, FNV_PRIME) >>> 0;
    return h.toString(HEX_RADIX).padStart(HALF_WIDTH, "0");
  }).join("");
}

/** The session's tag, or null while it has no CSRF secret (no page of it was rendered yet). */
export function sessionTag(session: Session): string | null {
  const secret = session.get<string | undefined>(CSRF_SESSION_KEY);
  return typeof secret === "string" ? tagOfSecret(Buffer.from(secret, "base64url")) : null;
}
