// Signing in and out: the session key and its CSRF secret change on login (no fixation); logout empties the session.

import { AUTH_USER_KEY } from "../constants.ts";
import { rotateCsrfSecret } from "../session/csrf.ts";
import type { Session } from "../session/session.ts";
import type { UserStore } from "./user-store.ts";
import { anonymousUser, type AnyUser, type User } from "./user.ts";

export interface HasSession {
  session: Session;
  user?: AnyUser;
}

export async function login(request: HasSession, user: User): Promise<void> {
  const previous = request.session.get<number | undefined>(AUTH_USER_KEY);
  if (previous !== undefined && previous !== user.id) await request.session.flush();
  else {
    // Before the move, so that the other tabs, told of the new key, find the new secret there.
    rotateCsrfSecret(request.session);
    await request.session.cycleKey();
  }
  request.session.set(AUTH_USER_KEY, user.id);
  await request.session.save();
  request.user = user;
}

export async function logout(request: HasSession): Promise<void> {
  await request.session.flush();
  request.user = anonymousUser;
}

export async function userOf(session: Session, users: UserStore): Promise<AnyUser> {
  const id = session.get<number | undefined>(AUTH_USER_KEY);
  return (typeof id === "number" && (await users.get(id))) || anonymousUser;
}
