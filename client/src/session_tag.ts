// The session's public tag, derived from the page's CSRF token the way the server derives it from the session's
// secret (src/forms/session-tag.ts), with the protocol's tagOfSecret: it names this session's outbox, and changes with a login or logout.

import { tagOfSecret } from "../../src/protocol.ts";
import { pageToken } from "./token";

/** null when the page has no token: its socket has no session, so nothing of it is kept. */
export function sessionTag(): string | null {
  const token = pageToken();
  if (!token) return null;
  const bytes = base64url(token);
  // A token is a random pad followed by (secret XOR pad).
  const half = bytes.length / 2;
  if (!Number.isInteger(half) || half === 0) return null;
  const secret = bytes.slice(half).map((b, i) => b ^ bytes[i]!);
  return tagOfSecret(secret);
}

function base64url(text: string): number[] {
  try {
    return Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  } catch {
    return [];
  }
}
