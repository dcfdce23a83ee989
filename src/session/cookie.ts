// Reading the Cookie header and writing the session's Set-Cookie header.

import type { Settings } from "../settings.ts";

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in cookies) continue;
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

/** The session cookie for `key`, or one that deletes it when `key` is null. */
export function sessionCookie(key: string | null, s: Settings): string {
  const parts = [`${s.SESSION_COOKIE_NAME}=${key ?? ""}`, "Path=/", `SameSite=${s.SESSION_COOKIE_SAMESITE}`];
  if (key === null) parts.push("Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  else if (!s.SESSION_EXPIRE_AT_BROWSER_CLOSE) {
    parts.push(
      `Max-Age=${s.SESSION_COOKIE_AGE}`,
      `Expires=${new Date(Date.now() + s.SESSION_COOKIE_AGE * 1000).toUTCString()}`,
    );
  }
  if (s.SESSION_COOKIE_HTTPONLY) parts.push("HttpOnly");
  if (s.SESSION_COOKIE_SECURE || s.SESSION_COOKIE_SAMESITE === "None") parts.push("Secure");
  return parts.join("; ");
}
