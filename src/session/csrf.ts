// CSRF protection: one secret per session, handed out masked so that every page carries a different token.
// Form posts echo a token in their body (or the X-CSRFToken header); sockets present one when they connect.

import { randomBytes, timingSafeEqual } from "node:crypto";
import { pooledRandomBytes } from "./random-pool.ts";
import { CSRF_SECRET_BYTES, CSRF_SESSION_KEY } from "../constants.ts";
import { CSRF_FIELD } from "../protocol.ts";
import type { JsonObject } from "../json.ts";
import type { Session } from "./session.ts";

/**
 * A fresh token for this page: random mask + (secret XOR mask). Masking keeps the secret out of any one page's bytes
 * (compression side channels cannot recover it), and a token copied from one page is as good as another's.
 */
export function csrfToken(session: Session): string {
  const secret = session.get<string | undefined>(CSRF_SESSION_KEY) ?? rotateCsrfSecret(session);
  return mask(Buffer.from(secret, "base64url"));
}

/** A new secret (on login): tokens from pages rendered before, possibly by someone who planted the cookie, stop working. */
export function rotateCsrfSecret(session: Session): string {
  const secret = randomBytes(CSRF_SECRET_BYTES).toString("base64url");
  session.set(CSRF_SESSION_KEY, secret);
  return secret;
}

/** A fresh token for the secret in this stored session data, or null when it has none. */
export function tokenFromData(data: JsonObject | null): string | null {
  const secret = data?.[CSRF_SESSION_KEY];
  return typeof secret === "string" ? mask(Buffer.from(secret, "base64url")) : null;
}

export function csrfValid(
  session: Session,
  body: Record<string, unknown>,
  header: string | string[] | undefined,
): boolean {
  return tokenMatches(session.get<string | undefined>(CSRF_SESSION_KEY), String(body[CSRF_FIELD] ?? header ?? ""));
}

/** Whether `token` (masked, as pages carry it) was made from the secret in this stored session data. */
export function tokenMatchesData(data: JsonObject | null, token: string | null): boolean {
  const secret = data?.[CSRF_SESSION_KEY];
  return typeof secret === "string" && token !== null && tokenMatches(secret, token);
}

function tokenMatches(secret: string | undefined, token: string): boolean {
  if (!secret) return false;
  const expected = Buffer.from(secret, "base64url");
  const given = Buffer.from(token, "base64url");
  if (given.length !== expected.length * 2) return false;
  return timingSafeEqual(unmask(given, expected.length), expected);
}

function mask(secret: Buffer): string {
  const pad = pooledRandomBytes(secret.length);
  return Buffer.concat([pad, xor(secret, pad)]).toString("base64url");
}

function unmask(token: Buffer, length: number): Buffer {
  return xor(token.subarray(length), token.subarray(0, length));
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}
