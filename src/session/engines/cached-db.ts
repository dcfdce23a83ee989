// The `cached_db` engine: reads from a cache in front of the database, writes through to both.

import { applyChanges, type SessionCache, type SessionChanges, type SessionStore, type StoredSession } from "../session-store.ts";

/** Any store can be the cache; the database is the source of truth and is written first. */
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
    const version = await this.db.save(key, changes);
    // Patch the cached copy only when it was exactly one version behind; otherwise drop it and refill on the next load.
    const cached = await this.cache.load(key).catch(() => null);
    if (cached && cached.version + 1 === version) {
      await this.cache.put(key, { data: applyChanges(cached.data, changes), version, expireAt: changes.expireAt });
    } else {
      await this.cache.delete(key).catch(() => undefined);
    }
    return version;
  }

  private async refill(key: string, stored: StoredSession): Promise<void> {
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
