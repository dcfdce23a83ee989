// Group commit: writes of one turn share a transaction; each writer hears when it is durable; a failing write is undone alone.

import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { GroupCommit } from "../../src/db/group-commit.ts";
import { openSqlite, sqlitePath } from "../../src/db/sqlite.ts";
import { tempDatabaseUrl } from "../helpers.ts";

function setUp() {
  const url = tempDatabaseUrl();
  const db = openSqlite(url);
  db.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
  // A second connection sees only what is committed, as another process would.
  const outsider = new Database(sqlitePath(url), { readonly: true });
  const committedRows = () => outsider.prepare("SELECT k, v FROM t ORDER BY k").all();
  return { db, commits: GroupCommit.for(db), committedRows };
}

describe("GroupCommit", () => {
  it("commits the writes of one turn together, and each is durable when its promise settles", async () => {
    const { db, commits, committedRows } = setUp();
    const insert = db.prepare("INSERT INTO t (k, v) VALUES (?, ?)");
    const a = commits.run(() => insert.run("a", 1).changes);
    const b = commits.run(() => insert.run("b", 2).changes);
    expect([a.result, b.result]).toEqual([1, 1]);
    // Written, visible through the same connection, not yet committed for anyone else.
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 2 });
    expect(committedRows()).toEqual([]);
    expect(commits.durable()).not.toBeNull();
    await Promise.all([a.committed, b.committed]);
    expect(committedRows()).toEqual([
      { k: "a", v: 1 },
      { k: "b", v: 2 },
    ]);
    expect(commits.durable()).toBeNull();
  });

  it("undoes a write that throws, alone, and commits the others", async () => {
    const { db, commits, committedRows } = setUp();
    const insert = db.prepare("INSERT INTO t (k, v) VALUES (?, ?)");
    const ok = commits.run(() => insert.run("a", 1));
    expect(() =>
      commits.run(() => {
        insert.run("b", 2);
        insert.run("a", 3); // duplicate key: this write fails after half of it ran
      }),
    ).toThrow(/UNIQUE/);
    await ok.committed;
    expect(committedRows()).toEqual([{ k: "a", v: 1 }]);
  });

  it("is one per connection, so writers on a shared connection never nest transactions", () => {
    const { db } = setUp();
    expect(GroupCommit.for(db)).toBe(GroupCommit.for(db));
  });
});
