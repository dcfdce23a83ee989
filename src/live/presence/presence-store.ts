// The seam for presence entries: who is tracked in each topic, shared by every process (memory or Redis).

import type { JsonObject } from "../../json.ts";

/** A topic's entries by key (a socket's id), each with the meta it was tracked with. */
export type PresenceEntries = Record<string, JsonObject>;

export interface PresenceDiff {
  joins: PresenceEntries;
  leaves: PresenceEntries;
}

export interface PresenceStore {
  put(topic: string, key: string, meta: JsonObject): Promise<void>;
  remove(topic: string, key: string): Promise<void>;
  list(topic: string): Promise<PresenceEntries>;
  /**
   * Told of changes the store found by itself: the entries of a process that stopped beating (leaves), or this
   * process's own entries put back after it was taken for dead (joins).
   */
  onChange(listener: (topic: string, diff: PresenceDiff) => void): void;
  close(): Promise<void>;
}
