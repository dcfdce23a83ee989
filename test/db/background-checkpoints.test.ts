// Checkpoints off the event loop: a worker copies SQLite's log into the database file while the process commits,
// the log still starts over, and nothing written is lost.

import { statSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { CHECKPOINT_COMMITS } from "../../src/constants.ts";
import { GroupCommit } from "../../src/db/group-commit.ts";
import { openSqlite, sqlitePath } from "../../src/db/sqlite.ts";
import { tempDatabaseUrl } from "../helpers.ts";

const PAGE = 4096;
/** SQLite copies the log itself once it holds this many pages (its default `wal_autocheckpoint`). */
const SQLITE_CHECKPOINT_PAGES = 1000;

function setUp() {
  const url = tempDatabaseUrl();
  const path = sqlitePath(url);
  const db = openSqlite(url);
  db.exec("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  const insert = db.prepare("INSERT INTO t (k, v) VALUES (?, ?)");
  const commits = GroupCommit.for(db);
  /** `count` commits, one row of about a page each: each commit adds a page or two to the log. */
  const commitRows = async (from: number, count: number) => {
    for (let k = from; k < from + count; k++) await commits.run(() => insert.run(k, "x".repeat(3000))).committed;
  };
  return { path, commitRows, size: (file: string) => statSync(file).size };
}

describe("background checkpoints", () => {
  it("copy the log into the database file long before SQLite's own checkpoint would", async () => {
    const { path, commitRows, size } = setUp();
    const before = size(path);
    // A few hundred pages: well under the mark at which a commit would copy them on the event loop.
    await commitRows(0, CHECKPOINT_COMMITS + 50);
    expect(size(`${path}-wal`)).toBeLessThan(SQLITE_CHECKPOINT_PAGES * PAGE);
    await vi.waitFor(() => expect(size(path)).toBeGreaterThanOrEqual(before + CHECKPOINT_COMMITS * PAGE), {
      timeout: 10_000,
      interval: 20,
    });
    // Every row is there, for a connection that reads the file as another process would.
    const outsider = new Database(path, { readonly: true });
    expect(outsider.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: CHECKPOINT_COMMITS + 50 });
    outsider.close();
  });

  it("still let the log start over: it stays near SQLite's mark however long the process commits", async () => {
    const { path, commitRows, size } = setUp();
    // Three times the pages of the mark, in commits that never pause.
    await commitRows(0, 1500);
    expect(size(`${path}-wal`)).toBeLessThan(2 * SQLITE_CHECKPOINT_PAGES * (PAGE + 24) + 32);
    const outsider = new Database(path, { readonly: true });
    expect(outsider.prepare("SELECT count(*) AS n, sum(length(v)) AS bytes FROM t").get()).toEqual({
      n: 1500,
      bytes: 1500 * 3000,
    });
    outsider.close();
  });
});
