// Group commit for SQLite: the writes of one turn of the event loop run at once inside one open transaction, which
// is committed when the turn ends. A writer learns its result immediately and is told separately when it is durable,
// so replies can be held until the commit while later writers (reading through the same connection) go on.

import type { SqliteDatabase } from "./sqlite.ts";

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface Written<T> {
  result: T;
  /** Settles when the transaction holding the write is committed (or fails, and the write is undone). */
  committed: Promise<void>;
}

const perDatabase = new WeakMap<SqliteDatabase, GroupCommit>();

export class GroupCommit {
  private waiters: Waiter[] | null = null;
  private readonly statements;

  /** One per connection: every writer on it shares the turn's transaction. */
  static for(db: SqliteDatabase): GroupCommit {
    let commits = perDatabase.get(db);
    if (!commits) perDatabase.set(db, (commits = new GroupCommit(db)));
    return commits;
  }

  private constructor(private readonly db: SqliteDatabase) {
    const sql = (s: string) => db.prepare(s);
    this.statements = {
      begin: sql("BEGIN IMMEDIATE"), commit: sql("COMMIT"), rollback: sql("ROLLBACK"),
      savepoint: sql("SAVEPOINT liveview_write"), release: sql("RELEASE liveview_write"), undo: sql("ROLLBACK TO liveview_write"),
    };
  }

  /** Runs `write` now, inside this turn's transaction; a write that throws is undone alone. */
  run<T>(write: () => T): Written<T> {
    const { savepoint, release, undo } = this.statements;
    this.open();
    savepoint.run();
    let result: T;
    try {
      result = write();
    } catch (error) {
      undo.run();
      release.run();
      throw error;
    }
    release.run();
    return { result, committed: this.durable()! };
  }

  /** Null when nothing awaits a commit; else settles once everything written so far is committed. */
  durable(): Promise<void> | null {
    const waiters = this.waiters;
    if (!waiters) return null;
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  }

  private open(): void {
    if (this.waiters) return;
    this.statements.begin.run();
    this.waiters = [];
    setImmediate(() => this.finish());
  }

  private finish(): void {
    const waiters = this.waiters ?? [];
    this.waiters = null;
    try {
      this.statements.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.statements.rollback.run();
      for (const w of waiters) w.reject(error);
      return;
    }
    for (const w of waiters) w.resolve();
  }
}
