// The CSRF token a rendered page carries for its socket, read from the page's HTML as the browser client reads it.

import { CSRF_FIELD, SOCKET_TOKEN_ATTR } from "../protocol.ts";

export function pageToken(html: string): string | null {
  const tagged = new RegExp(`${SOCKET_TOKEN_ATTR}="([^"]*)"`).exec(html)?.[1];
  return tagged || new RegExp(`name="${CSRF_FIELD}" value="([^"]*)"`).exec(html)?.[1] || null;
}
