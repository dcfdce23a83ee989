// CSRF protection for form posts: a per-session token that POST bodies must echo.

import { randomBytes, timingSafeEqual } from "node:crypto";
import { CSRF_FIELD, CSRF_SESSION_KEY } from "../constants.ts";
import type { Session } from "../session/session.ts";

export function csrfToken(session: Session): string {
  let token = session.get<string | undefined>(CSRF_SESSION_KEY);
  if (!token) {
    token = randomBytes(24).toString("base64url");
    session.set(CSRF_SESSION_KEY, token);
  }
  return token;
}

export function csrfValid(session: Session, body: Record<string, unknown>, header: string | string[] | undefined): boolean {
  const expected = session.get<string | undefined>(CSRF_SESSION_KEY);
  const given = String(body[CSRF_FIELD] ?? header ?? "");
  if (!expected || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
