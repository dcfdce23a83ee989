// The `db` engine on SQLite: one row per session; saves of one event-loop turn are committed together.

import type { JsonObject } from "../../json.ts";
import { GroupCommit, type Written } from "../../db/group-commit.ts";
import type { SqliteDatabase } from "../../db/sqlite.ts";
import { EXPIRY_STEP_MS, SESSION_COPIES_KEPT } from "../../constants.ts";
import { sqliteRead, sqliteWrite } from "../../db/sqlite-outage.ts";
import { sessionInterrupted } from "../../errors.ts";
import {
  applyChanges,
  type PipelinedStore,
  type SessionChanges,
  type SessionStore,
  type StoredSession,
} from "../session-store.ts";

/** A session as this process last wrote it through a connection, and the connection's foreign-commit count then. */
interface OwnWrite {
  version: number;
  expireAt: number;
  foreign: number;
}

/**
 * Per connection (stores of two apps on one file share theirs): what this process wrote last, kept for as many
 * sessions as it keeps copies of (see Sessions); the oldest go first.
 */
const ownWrites = new WeakMap<SqliteDatabase, Map<string, OwnWrite>>();

interface Row {
  data: string;
  version: number;
  expire_at: number;
}

export class SqliteSessionStore implements SessionStore, PipelinedStore {
  private readonly select;
  private readonly upsert;
  private readonly remove;
  private readonly purge;
  private readonly replace;
  private readonly replaceKeepingExpiry;
  private readonly commits: GroupCommit;
  private readonly own: Map<string, OwnWrite>;

  constructor(private readonly db: SqliteDatabase) {
    let own = ownWrites.get(db);
    if (!own) ownWrites.set(db, (own = new Map()));
    this.own = own;
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
    this.replace = db.prepare(
      "UPDATE liveview_session SET data = ?, version = version + 1, expire_at = ? WHERE session_key = ? AND version = ? AND expire_at > ?",
    );
    // The same without the expiry: the column is indexed, so leaving it alone spares the index two writes.
    this.replaceKeepingExpiry = db.prepare(
      "UPDATE liveview_session SET data = ?, version = version + 1 WHERE session_key = ? AND version = ? AND expire_at > ?",
    );
    this.purge = db.prepare("DELETE FROM liveview_session WHERE expire_at <= ?");
    this.commits = GroupCommit.for(db);
  }

  async load(key: string): Promise<StoredSession | null> {
    const row = sqliteRead(this.db, () => this.select.get(key, Date.now()));
    return row ? { data: JSON.parse(row.data), version: row.version, expireAt: row.expire_at } : null;
  }

  /** Resolves once committed. Runs inside an immediate transaction (see GroupCommit): no other process's save can slip in. */
  async save(key: string, changes: SessionChanges): Promise<number> {
    const { result, committed } = this.saveNow(key, changes);
    await committed;
    return result;
  }

  /** Writes now, to be committed at the end of this turn; later loads through this store already see it. */
  saveNow(key: string, changes: SessionChanges): Written<number> {
    // One statement writes: the replace, or else the upsert after a read.
    return this.commits.run(() => this.write(key, changes), { oneStatement: true });
  }

  durable(): Promise<void> | null {
    return this.commits.durable();
  }

  /**
   * True when the row is still the one this process wrote at `version`: no write through this connection since,
   * no commit by another connection since (see GroupCommit.foreignCommits), and not expired. Then nothing needs
   * reading; otherwise the caller loads it.
   */
  isCurrent(key: string, version: number): boolean {
    const own = this.own.get(key);
    return (
      own !== undefined &&
      own.version === version &&
      own.expireAt > Date.now() &&
      own.foreign === this.commits.foreignCommits()
    );
  }

  /**
   * For a save that changes data, the expiry stored now, when it is close enough to the one asked for to be kept:
   * within a hundredth of the session's age and never more than EXPIRY_STEP_MS. An active session's row then moves
   * in the expiry index about once a minute rather than on every save (which doubled the cost of a commit), and it
   * lives at most that much less than asked. Null when the expiry must be written (not known, or too old). A save
   * that changes nothing is there to extend the expiry (`modified = true`, a heartbeat): it always writes it.
   */
  private keptExpiry(key: string, version: number, expireAt: number, now: number): number | null {
    const own = this.own.get(key);
    if (own === undefined || own.version !== version) return null;
    const step = Math.min(EXPIRY_STEP_MS, (expireAt - now) / 100);
    return expireAt - own.expireAt < step ? own.expireAt : null;
  }

  private remember(key: string, version: number, expireAt: number): void {
    this.own.delete(key);
    this.own.set(key, { version, expireAt, foreign: this.commits.foreignCommits() });
    if (this.own.size > SESSION_COPIES_KEPT) this.own.delete(this.own.keys().next().value!);
  }

  private write(key: string, changes: SessionChanges): number {
    // The usual case: nobody wrote since the writer loaded, so its copy is the new row (one statement, no read).
    const { base } = changes;
    if (base) {
      const now = Date.now();
      const kept = changesData(changes) ? this.keptExpiry(key, base.version, changes.expireAt, now) : null;
      const replaced =
        kept === null
          ? this.replace.run(JSON.stringify(base.data), changes.expireAt, key, base.version, now)
          : this.replaceKeepingExpiry.run(JSON.stringify(base.data), key, base.version, now);
      if (replaced.changes === 1) {
        this.remember(key, base.version + 1, kept ?? changes.expireAt);
        return base.version + 1;
      }
    }
    // Someone else wrote since the writer loaded: what we knew of the row is no longer true.
    this.own.delete(key);
    const row = this.select.get(key, Date.now());
    // Loaded once and gone now (logout elsewhere, clearsessions, expiry): writing would bring it back.
    if (base && !row) throw sessionInterrupted();
    const data: JsonObject = row ? JSON.parse(row.data) : {};
    const version = (row?.version ?? 0) + 1;
    this.upsert.run(key, JSON.stringify(applyChanges(data, changes)), version, changes.expireAt);
    return version;
  }

  async delete(key: string): Promise<void> {
    this.own.delete(key);
    sqliteWrite(this.db, () => this.remove.run(key));
  }

  async clearExpired(): Promise<number> {
    return this.purge.run(Date.now()).changes;
  }

  async close(): Promise<void> {}
}

/** Whether a save writes a key or removes one (rather than only extending the expiry). */
function changesData(changes: SessionChanges): boolean {
  if (changes.deleted.length > 0) return true;
  for (const _ in changes.set) return true;
  return false;
}
