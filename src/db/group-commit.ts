// Group commit for SQLite: the writes of one turn of the event loop run at once inside one open transaction, which
// is committed when the turn ends. A writer learns its result immediately and is told separately when it is durable,
// so replies can be held until the commit while later writers (reading through the same connection) go on.

import { BackgroundCheckpoints } from "./background-checkpoints.ts";
import type { SqliteDatabase } from "./sqlite.ts";
import { sqliteRead, sqliteWrite } from "./sqlite-outage.ts";

/** The open transaction: one promise for everything written in it. */
interface Open {
  committed: Promise<void>;
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
  private current: Open | null = null;
  private readonly statements;
  /** SQLite's data_version as last read: it moves when another connection commits, never for our own commits. */
  private dataVersion: unknown = null;
  private foreign = 0;
  private readonly checkpoints: BackgroundCheckpoints | null;

  /** One per connection: every writer on it shares the turn's transaction. */
  static for(db: SqliteDatabase): GroupCommit {
    let commits = perDatabase.get(db);
    if (!commits) perDatabase.set(db, (commits = new GroupCommit(db)));
    return commits;
  }

  private constructor(private readonly db: SqliteDatabase) {
    const sql = (s: string) => db.prepare(s);
    this.statements = {
      begin: sql("BEGIN IMMEDIATE"),
      commit: sql("COMMIT"),
      rollback: sql("ROLLBACK"),
      savepoint: sql("SAVEPOINT liveview_write"),
      release: sql("RELEASE liveview_write"),
      undo: sql("ROLLBACK TO liveview_write"),
      dataVersion: db.prepare("PRAGMA data_version").pluck(),
    };
    this.checkpoints = BackgroundCheckpoints.for(db);
  }

  /**
   * A count that moves whenever the file may hold what this connection did not write: another connection committed
   * since we last looked, or one of our own transactions was rolled back. While our transaction is open nobody else
   * can commit (it holds the write lock from BEGIN IMMEDIATE), so the answer needs no statement then.
   */
  foreignCommits(): number {
    if (!this.current) this.look();
    return this.foreign;
  }

  private look(): void {
    const version = sqliteRead(this.db, () => this.statements.dataVersion.get());
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.foreign++;
    }
  }

  /**
   * Runs `write` now, inside this turn's transaction; a write that throws is undone alone. A database that cannot
   * be written (locked by another connection, disk full) fails it with store_unavailable, and nothing is written.
   * `oneStatement`: the write changes the database with a single statement at most, which SQLite applies whole or
   * not at all, so it needs no savepoint of its own (two statements fewer per write).
   */
  run<T>(write: () => T, options: { oneStatement?: boolean } = {}): Written<T> {
    const result = sqliteWrite(this.db, () => this.write(write, options.oneStatement === true));
    return { result, committed: this.current!.committed };
  }

  private write<T>(write: () => T, oneStatement: boolean): T {
    const { savepoint, release, undo } = this.statements;
    this.open();
    if (oneStatement) return write();
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
    return result;
  }

  /**
   * Null when nothing awaits a commit; else the open transaction's promise, the same object for every caller
   * until it commits, so callers can tell one transaction from the next.
   */
  durable(): Promise<void> | null {
    return this.current?.committed ?? null;
  }

  private open(): void {
    if (this.current) return;
    this.statements.begin.run();
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const committed = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    committed.catch(() => undefined); // a writer that does not wait for the commit must not crash the process
    this.current = { committed, resolve, reject };
    setImmediate(() => this.finish());
    // Commits of others up to our BEGIN count from here on; unread, every copy known so far must be read again.
    try {
      this.look();
    } catch (error) {
      this.foreign++;
      throw error;
    }
  }

  private finish(): void {
    const current = this.current!;
    this.current = null;
    try {
      sqliteWrite(this.db, () => this.statements.commit.run());
    } catch (error) {
      if (this.db.inTransaction) this.statements.rollback.run();
      this.foreign++; // what this connection wrote in it is undone
      current.reject(error);
      return;
    }
    current.resolve();
    this.checkpoints?.committed();
  }
}
