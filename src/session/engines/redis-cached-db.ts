// The `cached_db` engine with Redis in front of the database: reads from Redis, writes to the database first,
// and never serves a cached copy that a failed cache update could have left stale.

import { isSessionInterrupted } from "../../errors.ts";
import type { SessionChanges, SessionStore, StoredSession } from "../session-store.ts";
import type { RedisSessionStore } from "./redis.ts";

/**
 * Unlike the generic CachedDbSessionStore, a write first marks the cached copy pending, and fails if Redis cannot
 * (the database is then untouched); afterwards the copy is patched to the new version, or reduced to that version
 * without values. A pending copy is neither served nor refilled; a refill never replaces a newer version. So a
 * failed cache update, a crash in between, or a reader that loaded the database just before a write (reads need
 * not hold the lock) can cost a cache miss, never a stale session.
 */
export class RedisCachedDbSessionStore implements SessionStore {
  constructor(
    private readonly cache: RedisSessionStore,
    private readonly db: SessionStore,
  ) {}

  async load(key: string): Promise<StoredSession | null> {
    const cached = await this.cache.load(key).catch(() => null);
    if (cached) return cached;
    const stored = await this.db.load(key);
    // Refused by Redis while a write is under way, or when it knows this version or a newer one.
    if (stored) await this.cache.put(key, stored).catch(() => undefined);
    return stored;
  }

  async save(key: string, changes: SessionChanges): Promise<number> {
    await this.cache.markPending(key);
    let version: number;
    try {
      version = await this.db.save(key, changes);
    } catch (error) {
      // The database wrote nothing and no longer has the session: drop the copy rather than leave it pending.
      if (isSessionInterrupted(error)) await this.cache.forget(key).catch(() => undefined);
      throw error;
    }
    await this.cache.patch(key, version, changes).catch(() => undefined);
    return version;
  }

  async delete(key: string): Promise<void> {
    await this.cache.markPending(key);
    await this.db.delete(key);
    await this.cache.forget(key).catch(() => undefined);
  }

  /** Redis expires its copies itself; the database needs purging. */
  clearExpired(): Promise<number> {
    return this.db.clearExpired();
  }

  async close(): Promise<void> {
    await this.cache.close();
    await this.db.close();
  }
}
