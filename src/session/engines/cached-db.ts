// The `cached_db` engine: reads from a cache in front of the database, writes through to both.

import { isSessionInterrupted } from "../../errors.ts";
import {
  applyChanges,
  type SessionCache,
  type SessionChanges,
  type SessionStore,
  type StoredSession,
} from "../session-store.ts";

/**
 * Any in-process cache in front of any database; the database is the source of truth and is written first.
 * (With Redis as the cache, see redis-cached-db.ts: a shared cache needs a stricter protocol.)
 */
export class CachedDbSessionStore implements SessionStore {
  constructor(
    private readonly cache: SessionCache,
    private readonly db: SessionStore,
  ) {}

  async load(key: string): Promise<StoredSession | null> {
    const cached = await this.cache.load(key).catch(() => null);
    if (cached) return cached;
    const stored = await this.db.load(key);
    if (stored) await this.refill(key, stored);
    return stored;
  }

  async save(key: string, changes: SessionChanges): Promise<number> {
    let version: number;
    try {
      version = await this.db.save(key, changes);
    } catch (error) {
      // The database no longer has it (ended in another process): the cached copy must not be served again either.
      if (isSessionInterrupted(error)) await this.cache.delete(key).catch(() => undefined);
      throw error;
    }
    // Patch the cached copy when it was exactly one version behind; otherwise cache the database's copy. Either way
    // the cache now holds this version, so a reader that loaded an older one cannot put it back (see refill).
    const cached = await this.cache.load(key).catch(() => null);
    if (cached && cached.version + 1 === version) {
      await this.cache.put(key, { data: applyChanges(cached.data, changes), version, expireAt: changes.expireAt });
    } else {
      const fresh = await this.db.load(key);
      if (fresh) await this.cache.put(key, fresh);
      else await this.cache.delete(key);
    }
    return version;
  }

  /** Caches what a load read from the database, unless a save has meanwhile cached a newer version. */
  private async refill(key: string, stored: StoredSession): Promise<void> {
    const current = await this.cache.load(key).catch(() => null);
    if (current && current.version >= stored.version) return;
    await this.cache.put(key, stored).catch(() => undefined);
  }

  async delete(key: string): Promise<void> {
    await this.db.delete(key);
    await this.cache.delete(key).catch(() => undefined);
  }

  async clearExpired(): Promise<number> {
    await this.cache.clearExpired().catch(() => 0);
    return this.db.clearExpired();
  }

  async close(): Promise<void> {
    await this.cache.close();
    await this.db.close();
  }
}
