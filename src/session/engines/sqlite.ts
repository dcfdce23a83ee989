// The `db` engine on SQLite: one row per session, changed keys merged inside an immediate transaction.

import type { JsonObject } from "../../json.ts";
import type { SqliteDatabase } from "../../db/sqlite.ts";
import { applyChanges, type SessionChanges, type SessionStore, type StoredSession } from "../session-store.ts";

interface Row {
  data: string;
  version: number;
  expire_at: number;
}

export class SqliteSessionStore implements SessionStore {
  private readonly select;
  private readonly upsert;
  private readonly remove;
  private readonly purge;
  private readonly merge;

  constructor(private readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS liveview_session (
      session_key TEXT PRIMARY KEY,
      data TEXT NOT NULL,
      version INTEGER NOT NULL,
      expire_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS liveview_session_expire_at ON liveview_session (expire_at);`);
    this.select = db.prepare<[string, number], Row>(
      "SELECT data, version, expire_at FROM liveview_session WHERE session_key = ? AND expire_at > ?",
    );
    this.upsert = db.prepare(
      `INSERT INTO liveview_session (session_key, data, version, expire_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (session_key) DO UPDATE SET data = excluded.data, version = excluded.version, expire_at = excluded.expire_at`,
    );
    this.remove = db.prepare("DELETE FROM liveview_session WHERE session_key = ?");
    this.purge = db.prepare("DELETE FROM liveview_session WHERE expire_at <= ?");
    // Read and write in one immediate transaction: another process's save cannot slip in between.
    this.merge = db.transaction((key: string, changes: SessionChanges): number => {
      const row = this.select.get(key, Date.now());
      const data: JsonObject = row ? JSON.parse(row.data) : {};
      const version = (row?.version ?? 0) + 1;
      this.upsert.run(key, JSON.stringify(applyChanges(data, changes)), version, changes.expireAt);
      return version;
    });
  }

  async load(key: string): Promise<StoredSession | null> {
    const row = this.select.get(key, Date.now());
    return row ? { data: JSON.parse(row.data), version: row.version, expireAt: row.expire_at } : null;
  }

  async save(key: string, changes: SessionChanges): Promise<number> {
    return this.merge.immediate(key, changes);
  }

  async delete(key: string): Promise<void> {
    this.remove.run(key);
  }

  async clearExpired(): Promise<number> {
    return this.purge.run(Date.now()).changes;
  }

  async close(): Promise<void> {}
}
