// A socket whose session moved to a new key (a login in another tab): it follows, and its page gets a token
// for the session's new CSRF secret, so that its forms keep posting and its socket can reconnect with its session.

import { tokenFromData } from "../server/csrf.ts";
import type { Consumer } from "./consumer.ts";

export const CSRF_TOKEN_ACTION = "csrf_token";

export async function followNewKey(consumer: Consumer, key: string): Promise<void> {
  await consumer.moveToSession(key);
  const token = tokenFromData(await consumer.runtime.sessions.load(key));
  if (token) consumer.sendJson({ action: CSRF_TOKEN_ACTION, token });
}
