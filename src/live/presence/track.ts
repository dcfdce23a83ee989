// Presence from a handler: track the socket in a topic, untrack it, list who is there.

import type { JsonObject } from "../../json.ts";
import type { Consumer } from "../connection/consumer.ts";
import type { PresenceDiffHandler } from "./presence.ts";
import type { PresenceEntries } from "./presence-store.ts";

/**
 * Puts the socket in `topic` with `meta` until it closes or is untracked; every tracked socket of the topic, in
 * every process, hears the join. `onDiff` runs in the socket's queue for each join and leave of the topic; without
 * it the browser gets `{"action": "presence_diff", "topic", "joins", "leaves"}` (the DOM event
 * `liveview:presence_diff`).
 */
export function track(
  consumer: Consumer,
  topic: string,
  meta: JsonObject,
  onDiff?: PresenceDiffHandler,
): Promise<void> {
  return consumer.runtime.presence.track(consumer, topic, meta, onDiff);
}

export function untrack(consumer: Consumer, topic: string): Promise<void> {
  return consumer.runtime.presence.untrack(consumer, topic);
}

/** The topic's entries from every process, by socket id. */
export function listPresence(consumer: Consumer, topic: string): Promise<PresenceEntries> {
  return consumer.runtime.presence.list(topic);
}
