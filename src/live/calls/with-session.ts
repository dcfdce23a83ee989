// Runs a socket's job with the session as stored now, the user it holds, and the socket following key changes.

import { userOf } from "../../auth/login.ts";
import { isSessionInterrupted } from "../../errors.ts";
import type { Session } from "../../session/session.ts";
import type { Consumer } from "../connection/consumer.ts";

export async function withSession<T>(
  consumer: Consumer,
  job: (session: Session) => Promise<T>,
  options: { readOnly?: boolean } = {},
): Promise<T> {
  const { runtime } = consumer;
  const withScope = async (session: Session): Promise<T> => {
    consumer.scope.session = session;
    consumer.scope.user = await userOf(session, runtime.users);
    return job(session);
  };
  const { sessions } = runtime;
  const run = options.readOnly ? sessions.read.bind(sessions) : sessions.run.bind(sessions);
  try {
    const { result, session } = await run(consumer.sessionKey, withScope, { origin: consumer.id });
    if (!options.readOnly) await consumer.moveToSession(session.key);
    return result;
  } catch (error) {
    if (isSessionInterrupted(error)) await consumer.leaveSession();
    throw error;
  }
}
