// SQLite that cannot be used: another connection holds the write lock past the busy timeout, the disk is full or
// read-only, an I/O error. Its errors become store_unavailable, like Redis's and PostgreSQL's. And since the driver
// waits for a lock synchronously (the whole process stops while it waits), once a write found the database locked
// the next ones do not wait: they fail at once until one succeeds, which restores the wait.

import { connectionLog } from "../logger.ts";
import { SQLITE_BUSY_TIMEOUT_MS } from "../constants.ts";
import type { LiveViewError } from "../errors.ts";
import type { SqliteDatabase } from "./sqlite.ts";
import { storeUnavailable } from "../errors.ts";

/** Result codes (primary and extended) that say the database cannot be used now, as opposed to a bad statement. */
const OUTAGE_CODE = /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|FULL|CANTOPEN|PROTOCOL)/;
const ADVICE =
  "Check for a program holding a long write transaction on the file (a backup, a migration, an open sqlite3 shell) " +
  "and that its disk is writable and not full; every new request tries again, so try again in a moment.";

/** Databases whose last write failed for an outage: their writes do not wait for the lock. */
const failing = new WeakSet<SqliteDatabase>();

export function isSqliteOutage(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && OUTAGE_CODE.test(code);
}

/** Runs a write (or a transaction's BEGIN or COMMIT); an outage becomes store_unavailable. */
export function sqliteWrite<T>(db: SqliteDatabase, write: () => T): T {
  let result: T;
  try {
    result = write();
  } catch (error) {
    if (!isSqliteOutage(error)) throw error;
    if (!failing.has(db)) {
      failing.add(db);
      db.pragma("busy_timeout = 0");
      connectionLog().error(
        `liveview: SQLite at ${db.name} cannot be written (${(error as Error).message}); writes fail at once until one succeeds`,
      );
    }
    throw unavailable(error, "saved");
  }
  if (failing.delete(db)) {
    db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    connectionLog().error(`liveview: SQLite at ${db.name} can be written again`);
  }
  return result;
}

/** Runs a read; an outage becomes store_unavailable (a read never passes for "no such session"). */
export function sqliteRead<T>(db: SqliteDatabase, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw isSqliteOutage(error) ? unavailable(error, "loaded") : error;
  }
}

/** Browsers see this message: it names no path (the log line about the outage does). */
function unavailable(cause: unknown, what: "saved" | "loaded"): LiveViewError {
  return storeUnavailable("The SQLite database", cause, ADVICE, `: nothing can be ${what}`);
}
