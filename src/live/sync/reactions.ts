// Re-renders what depends on session keys that another tab, socket or request changed.
// Reactions read a fresh copy without taking the session's lock: with many tabs they must not queue behind writers.

import { LiveViewError } from "../../errors.ts";
import type { Consumer } from "../connection/consumer.ts";
import { withSession } from "../calls/with-session.ts";

export async function reactToSessionChange(consumer: Consumer, keys: string[]): Promise<void> {
  const reactions = consumer.runtime.registry.reactionsFor(keys);
  if (reactions.length === 0 || !consumer.isOpen) return;
  try {
    await withSession(
      consumer,
      async () => {
        // One failing reaction (the application's) must not keep the others (the built-in drafts') from running.
        for (const reaction of reactions)
          await Promise.resolve()
            .then(() => reaction(consumer, keys))
            .catch((error) => logFailure(consumer, error));
      },
      { readOnly: true },
    );
  } catch (error) {
    logFailure(consumer, error);
  }
}

function logFailure(consumer: Consumer, error: unknown): void {
  consumer.runtime.logger.error(
    "liveview: a session-change reaction failed:",
    error instanceof LiveViewError ? error.message : error,
  );
}
