// What the SQLite file holds, read through a connection of the test's own: the rows other processes would see.

import Database from "better-sqlite3";
import { sqlitePath } from "../../src/db/sqlite.ts";
import type { App } from "../../src/index.ts";

export interface SessionRows {
  count(): number;
  has(key: string): boolean;
  /** A row as stored, expired or not. */
  row(key: string): { data: Record<string, unknown>; expired: boolean } | undefined;
  keys(): string[];
  /** Deletes a session's row, as a logout or clearsessions in another process would. */
  delete(key: string): void;
  /** Makes a session's row expired, as time would. */
  expire(key: string): void;
  close(): void;
}

export function sessionRows(app: App): SessionRows {
  const db = new Database(sqlitePath(app.settings.DATABASE_URL));
  db.pragma("busy_timeout = 5000");
  return {
    count: () => (db.prepare("SELECT count(*) AS n FROM liveview_session").get() as { n: number }).n,
    has: (key) => db.prepare("SELECT 1 FROM liveview_session WHERE session_key = ?").get(key) !== undefined,
    row: (key) => {
      const row = db.prepare("SELECT data, expire_at FROM liveview_session WHERE session_key = ?").get(key) as
        { data: string; expire_at: number } | undefined;
      return row && { data: JSON.parse(row.data), expired: row.expire_at <= Date.now() };
    },
    keys: () =>
      (db.prepare("SELECT session_key FROM liveview_session").all() as { session_key: string }[]).map(
        (r) => r.session_key,
      ),
    delete: (key) => void db.prepare("DELETE FROM liveview_session WHERE session_key = ?").run(key),
    expire: (key) =>
      void db.prepare("UPDATE liveview_session SET expire_at = ? WHERE session_key = ?").run(Date.now() - 1, key),
    close: () => db.close(),
  };
}
