// What a handler knows about its socket: the session and user as of this handler, and the upgrade request.

import { anonymousUser, type AnyUser } from "../../auth/user.ts";
import { Session, type SessionHost } from "../../session/session.ts";

export interface Scope {
  /** A fresh copy for each handler, loaded under the session's lock; changes are saved when the handler returns. */
  session: Session;
  user: AnyUser;
  cookies: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  path: string;
  room: string;
}

/**
 * A socket's scope. Until a handler loads one, its session is an empty one that is never saved, made only when
 * something asks for it: an idle socket (most of them, most of the time) does not carry one.
 */
export class SocketScope implements Scope {
  user: AnyUser = anonymousUser;
  private current: Session | null = null;

  constructor(
    private readonly host: SessionHost,
    public cookies: Record<string, string>,
    public headers: Record<string, string | string[] | undefined>,
    public path: string,
    public room: string,
  ) {}

  get session(): Session {
    return (this.current ??= new Session(this.host, null, {}, null));
  }

  set session(session: Session) {
    this.current = session;
  }

  /** Back to the state of a socket that never had a session (its session ended under it). */
  leaveSession(): void {
    this.current = null;
    this.user = anonymousUser;
  }
}
