// Runs a socket's job with the session as stored now, the user it holds, and the socket following key changes.

import { userOf } from "../auth/login.ts";
import type { Session } from "../session/session.ts";
import type { Consumer } from "./consumer.ts";

export async function withSession<T>(consumer: Consumer, job: (session: Session) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  const { runtime } = consumer;
  const run = options.readOnly ? runtime.sessions.read : runtime.sessions.run;
  const { result, session } = await run.call(
    runtime.sessions,
    consumer.sessionKey,
    async (session) => {
      consumer.scope.session = session;
      consumer.scope.user = await userOf(session, runtime.users);
      return job(session);
    },
    { origin: consumer.id },
  );
  if (!options.readOnly) await consumer.moveToSession(session.key);
  return result;
}
