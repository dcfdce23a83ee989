// Re-renders what depends on session keys that another tab, socket or request changed.

import type { Consumer } from "./consumer.ts";
import { withSession } from "./with-session.ts";

export async function reactToSessionChange(consumer: Consumer, keys: string[]): Promise<void> {
  const reactions = consumer.runtime.registry.reactionsFor(keys);
  if (reactions.length === 0 || !consumer.isOpen) return;
  try {
    await withSession(consumer, async () => {
      for (const reaction of reactions) await reaction(consumer, keys);
    });
  } catch (error) {
    console.error("liveview: a session-change reaction failed", error);
  }
}
