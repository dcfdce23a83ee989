// The session's public tag, derived from the page's CSRF token the way the server derives it from the session's
// secret (src/forms/session-tag.ts): it names this session's outbox, and changes with a login or logout.

import { HEX_RADIX } from "./constants";
import { pageToken } from "./token";

const FNV_OFFSETS = [0x811c9dc5, 0x050c5d1f];
const FNV_PRIME = 0x01000193;
const HALF_WIDTH = 8;

/** null when the page has no token: its socket has no session, so nothing of it is kept. */
export function sessionTag(): string | null {
  const token = pageToken();
  if (!token) return null;
  const bytes = base64url(token);
  // A token is a random pad followed by (secret XOR pad).
  const half = bytes.length / 2;
  if (!Number.isInteger(half) || half === 0) return null;
  const secret = bytes.slice(half).map((b, i) => b ^ bytes[i]!);
  return FNV_OFFSETS.map((offset) => {
    let h = offset;
    for (const byte of secret) h = Math.imul(h ^ byte, FNV_PRIME) >>> 0;
    return h.toString(HEX_RADIX).padStart(HALF_WIDTH, "0");
  }).join("");
}

function base64url(text: string): number[] {
  try {
    return Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  } catch {
    return [];
  }
}
