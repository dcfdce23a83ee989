// Presence entries of one process, in its memory: they end with it, so nothing ever has to expire.

import type { JsonObject } from "../../json.ts";
import type { PresenceEntries, PresenceStore } from "./presence-store.ts";

export class MemoryPresenceStore implements PresenceStore {
  private readonly topics = new Map<string, Map<string, JsonObject>>();

  async put(topic: string, key: string, meta: JsonObject): Promise<void> {
    let entries = this.topics.get(topic);
    if (!entries) this.topics.set(topic, (entries = new Map()));
    entries.set(key, meta);
  }

  async remove(topic: string, key: string): Promise<void> {
    const entries = this.topics.get(topic);
    if (!entries?.delete(key) || entries.size > 0) return;
    this.topics.delete(topic);
  }

  async list(topic: string): Promise<PresenceEntries> {
    return Object.fromEntries(this.topics.get(topic) ?? []);
  }

  onChange(): void {
    // Nothing changes here but through put and remove.
  }

  async close(): Promise<void> {
    this.topics.clear();
  }
}
