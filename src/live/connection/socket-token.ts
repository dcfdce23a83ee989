// Which session a new socket gets: its cookie's, but only when it also presents its page's CSRF token.
//
// The cookie alone proves nothing about who opened the socket: any site's page can make the browser send it. The
// token proves the socket was opened by a page we rendered for that session (Phoenix's rule); without it the socket
// works, anonymously, with no session.

import { SOCKET_TOKEN_PARAM } from "../../protocol.ts";
import { tokenMatchesData } from "../../session/csrf.ts";
import type { LiveRuntime } from "../runtime.ts";

/** The session key the socket may use, or null; throws when the store cannot be read (the upgrade is refused). */
export async function socketSessionKey(
  cookies: Record<string, string>,
  url: URL,
  runtime: LiveRuntime,
): Promise<string | null> {
  const key = cookies[runtime.settings.SESSION_COOKIE_NAME] ?? null;
  if (key === null || !runtime.settings.LIVEVIEW_SOCKET_TOKEN_REQUIRED) return key;
  const data = await runtime.sessions.load(key);
  return tokenMatchesData(data, url.searchParams.get(SOCKET_TOKEN_PARAM)) ? key : null;
}
