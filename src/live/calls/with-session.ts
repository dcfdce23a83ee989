// Runs a socket's job with the session as stored now, the user it holds, and the socket following key changes.

import { userOf } from "../../auth/login.ts";
import { anonymousUser } from "../../auth/user.ts";
import { AUTH_USER_KEY } from "../../constants.ts";
import { isSessionInterrupted } from "../../errors.ts";
import type { Session } from "../../session/session.ts";
import type { Consumer } from "../connection/consumer.ts";

export async function withSession<T>(
  consumer: Consumer,
  job: (session: Session) => Promise<T>,
  options: { readOnly?: boolean } = {},
): Promise<T> {
  const { runtime } = consumer;
  const withScope = (session: Session): Promise<T> => {
    consumer.scope.session = session;
    // Only a signed-in session has a user to look up; the anonymous one needs no await (nor a promise of its own).
    if (!session.has(AUTH_USER_KEY)) {
      consumer.scope.user = anonymousUser;
      return job(session);
    }
    return userOf(session, runtime.users).then((user) => {
      consumer.scope.user = user;
      return job(session);
    });
  };
  const { sessions } = runtime;
  const runOptions = { origin: consumer.id };
  try {
    const { result, session } = options.readOnly
      ? await sessions.read(consumer.sessionKey, withScope, runOptions)
      : await sessions.run(consumer.sessionKey, withScope, runOptions);
    if (!options.readOnly && session.key !== consumer.sessionKey) await consumer.moveToSession(session.key);
    return result;
  } catch (error) {
    if (isSessionInterrupted(error)) await consumer.leaveSession();
    throw error;
  }
}
