// What a handler knows about its socket: the session and user as of this handler, and the upgrade request.

import type { AnyUser } from "../../auth/user.ts";
import type { Session } from "../../session/session.ts";

export interface Scope {
  /** A fresh copy for each handler, loaded under the session's lock; changes are saved when the handler returns. */
  session: Session;
  user: AnyUser;
  cookies: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  path: string;
  room: string;
}
