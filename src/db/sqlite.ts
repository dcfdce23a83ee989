// Opens the SQLite database named by DATABASE_URL (`sqlite:<path>`), once per process and path, in WAL mode.

import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { SQLITE_BUSY_TIMEOUT_MS } from "../constants.ts";
import { LiveViewError } from "../errors.ts";
import { SQLITE_SYNCHRONOUS_MODES, type Settings } from "../settings.ts";

export type SqliteDatabase = Database.Database;

/** What the settings say about how the file is opened. */
export type SqliteOptions = Partial<Pick<Settings, "SQLITE_SYNCHRONOUS">>;

const open = new Map<string, SqliteDatabase>();

export function sqlitePath(url: string): string {
  const path = url.replace(/^sqlite:(\/\/)?/, "");
  return path === ":memory:" ? path : resolve(path);
}

/** The connection for `url`; options given (the app's settings) apply to it even when it is already open. */
export function openSqlite(url: string, options: SqliteOptions = {}): SqliteDatabase {
  const path = sqlitePath(url);
  let db = open.get(path);
  if (!db?.open) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma("journal_mode = WAL");
    // In WAL mode, NORMAL: a commit survives the process being killed, not always a power loss or an OS crash;
    // FULL also survives those, at an fsync of the log per commit (see SQLITE_SYNCHRONOUS in the README).
    db.pragma("synchronous = NORMAL");
    db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    open.set(path, db);
  }
  const synchronous = options.SQLITE_SYNCHRONOUS;
  if (synchronous !== undefined) {
    // Checked again here: the value goes into SQL, and this function is public.
    if (!SQLITE_SYNCHRONOUS_MODES.includes(synchronous))
      throw new LiveViewError(
        "bad_setting",
        `SQLITE_SYNCHRONOUS=${synchronous} is not one of ${SQLITE_SYNCHRONOUS_MODES.join(", ")}`,
      );
    db.pragma(`synchronous = ${synchronous}`);
  }
  return db;
}
