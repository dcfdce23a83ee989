// A session store and a user store whose reads can be made to fail, as SQLite's do on an I/O error, a full disk or a
// lock the process cannot wait out. (WAL lets readers through another connection's write lock, so a real lock
// cannot make reads fail while the server holds the file open: the failure is made at the store's seam instead,
// with the error the SQLite stores raise.)

import { SqliteUserStore, type UserStore } from "../../src/auth/user-store.ts";
import { sqliteRead } from "../../src/db/sqlite-outage.ts";
import { openSqlite, type SqliteDatabase } from "../../src/db/sqlite.ts";
import { SqliteSessionStore } from "../../src/session/engines/sqlite.ts";
import type { SessionStore } from "../../src/session/session-store.ts";

export interface FailingReads {
  sessionStore: SessionStore;
  users: UserStore;
  /** Which reads fail from now on. */
  fail: { sessions: boolean; users: boolean };
}

/** What the SQLite driver throws when the disk fails under a read, passed through the stores' own mapping. */
function failedRead(db: SqliteDatabase): never {
  return sqliteRead(db, () => {
    throw Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR_READ" });
  });
}

/** `method` of `target` throws (as SQLite would) while `failing()`; every other member is the store's own. */
function failingWhen<T extends object>(target: T, method: keyof T, failing: () => boolean, db: SqliteDatabase): T {
  return new Proxy(target, {
    get(store, name) {
      if (name === method && failing()) return async () => failedRead(db);
      const value = Reflect.get(store, name, store);
      return typeof value === "function" ? value.bind(store) : value;
    },
  });
}

export function failingReads(databaseUrl: string): FailingReads {
  const db = openSqlite(databaseUrl);
  const fail = { sessions: false, users: false };
  return {
    sessionStore: failingWhen(new SqliteSessionStore(db), "load", () => fail.sessions, db),
    users: failingWhen(new SqliteUserStore(db), "get", () => fail.users, db),
    fail,
  };
}
