// The `cache` engine in process memory: bounded, least recently used sessions go first.

import { sessionInterrupted } from "../../errors.ts";
import { applyChanges, type SessionCache, type SessionChanges, type StoredSession } from "../session-store.ts";

export class MemorySessionStore implements SessionCache {
  private readonly entries = new Map<string, StoredSession>();

  constructor(private readonly capacity: number) {}

  async load(key: string): Promise<StoredSession | null> {
    return this.read(key);
  }

  private read(key: string): StoredSession | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expireAt <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { ...entry, data: structuredClone(entry.data) };
  }

  async save(key: string, changes: SessionChanges): Promise<number> {
    const current = this.read(key);
    if (changes.base && !current) throw sessionInterrupted(); // loaded once, gone (or expired) now: never re-created
    const version = (current?.version ?? 0) + 1;
    await this.put(key, { data: applyChanges(current?.data ?? {}, changes), version, expireAt: changes.expireAt });
    return version;
  }

  /** Stores a copy: what the caller holds can change without touching the cache. */
  async put(key: string, session: StoredSession): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { ...session, data: structuredClone(session.data) });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async clearExpired(): Promise<number> {
    const now = Date.now();
    let removed = 0;
    for (const [key, entry] of this.entries) {
      if (entry.expireAt <= now) {
        this.entries.delete(key);
        removed++;
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
