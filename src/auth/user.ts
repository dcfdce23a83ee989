// Who is signed in: a stored user, or the anonymous one.

export interface User {
  readonly id: number;
  readonly username: string;
  readonly isAuthenticated: true;
  readonly isAnonymous: false;
}

export interface AnonymousUser {
  readonly id: null;
  readonly username: "";
  readonly isAuthenticated: false;
  readonly isAnonymous: true;
}

export const anonymousUser: AnonymousUser = Object.freeze({
  id: null,
  username: "",
  isAuthenticated: false,
  isAnonymous: true,
});

export type AnyUser = User | AnonymousUser;

export function makeUser(id: number, username: string): User {
  return { id, username, isAuthenticated: true, isAnonymous: false };
}
