// The seam every session engine implements: SQLite, memory, cached-db, Redis, PostgreSQL.

import type { JsonObject } from "../json.ts";

export interface StoredSession {
  data: JsonObject;
  /** Grows by one on every save; lets caches tell a fresh copy from a stale one. */
  version: number;
  /** Unix time in milliseconds after which the session is never loaded again. */
  expireAt: number;
}

/** What one save changes: only these keys are written, so a save never undoes another writer's other keys. */
export interface SessionChanges {
  set: JsonObject;
  deleted: string[];
  expireAt: number;
  /**
   * Present exactly when the writer loaded the session from the store: the version it loaded and its whole data with
   * the changes applied. A store may write `data` as is when the stored version is still `version` (no one wrote
   * since), instead of merging. With a base, a session that is gone (deleted or expired) is never created again:
   * the save fails with session_interrupted. Without one (a new key), the save creates the session.
   */
  base?: { version: number; data: JsonObject };
}

export interface SessionStore {
  /** The session, or null when it does not exist or has expired. */
  load(key: string): Promise<StoredSession | null>;
  /**
   * Applies the changes on top of what is stored now and returns the new version. Creates the session only for a
   * save without `base`; with one, a session that no longer exists fails with session_interrupted, writing nothing.
   */
  save(key: string, changes: SessionChanges): Promise<number>;
  delete(key: string): Promise<void>;
  /** Removes expired sessions; returns how many were removed. */
  clearExpired(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Applies changes to a copy of `data`: the one merge rule every engine shares. Spreading defines own properties, so
 * a key named `__proto__` stays a value (an assignment loop would replace the copy's prototype instead).
 */
export function applyChanges(data: JsonObject, changes: Pick<SessionChanges, "set" | "deleted">): JsonObject {
  const next: JsonObject = { ...data, ...changes.set };
  for (const key of changes.deleted) delete next[key];
  return next;
}

/** A store that can also hold a whole session as given: what a cache in front of a database needs. */
export interface SessionCache extends SessionStore {
  put(key: string, session: StoredSession): Promise<void>;
}

/**
 * A store that can write at once and commit later (SQLite's group commit): with a lock held in this process only,
 * a handler may release its session as soon as its write is done, and its replies wait for `durable()` instead.
 */
export interface PipelinedStore {
  saveNow(key: string, changes: SessionChanges): { result: number; committed: Promise<void> };
  /** Null when nothing awaits a commit; else settles once everything written so far is committed. */
  durable(): Promise<void> | null;
  /**
   * Whether the stored session is exactly what this process last wrote at `version`, known without reading it (no
   * other writer since, not expired). False means only "not known": load it.
   */
  isCurrent(key: string, version: number): boolean;
}

export function isPipelined(store: SessionStore): store is SessionStore & PipelinedStore {
  return typeof (store as Partial<PipelinedStore>).saveNow === "function";
}
