// A handler for the session tests: who this socket's user is, and which of its session's keys (not ours) it sees.

import { send, type Consumer } from "../../src/index.ts";

export function whoami(consumer: Consumer): Promise<void> {
  return send(consumer, {
    user: consumer.scope.user.username,
    keys: consumer.scope.session
      .keys()
      .filter((k) => !k.startsWith("_"))
      .sort(),
  });
}
