// Opens the SQLite database named by DATABASE_URL (`sqlite:<path>`), once per process and path, in WAL mode.

import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";

export type SqliteDatabase = Database.Database;

const open = new Map<string, SqliteDatabase>();

export function sqlitePath(url: string): string {
  const path = url.replace(/^sqlite:(\/\/)?/, "");
  return path === ":memory:" ? path : resolve(path);
}

export function openSqlite(url: string): SqliteDatabase {
  const path = sqlitePath(url);
  const existing = open.get(path);
  if (existing?.open) return existing;
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  // NORMAL in WAL mode: a commit survives a crash of the process; FULL would also survive power loss, at an fsync each.
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  open.set(path, db);
  return db;
}
