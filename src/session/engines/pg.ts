// The `db` engine on PostgreSQL: one row per session, changed keys merged by the server in one statement.

import { ensureTables, pgQuery, releasePg, retainPg, schemaName, type Pool } from "../../db/pg.ts";
import { lockLost, sessionInterrupted } from "../../errors.ts";
import { fenceFor } from "../fence.ts";
import type { SessionChanges, SessionStore, StoredSession } from "../session-store.ts";
import { refuseNul } from "./pg-nul.ts";

export interface PgSessionStoreOptions {
  /** Schema of the liveview_session table (created if absent); default `public`. */
  schema?: string;
}

interface Row {
  data: Record<string, never>;
  version: string;
  expire_at: string;
}

export class PgSessionStore implements SessionStore {
  private readonly table: string;
  private readonly ddl: string;
  private ready: Promise<void> | null = null;

  constructor(
    private readonly pool: Pool,
    options: PgSessionStoreOptions = {},
  ) {
    retainPg(pool);
    const schema = schemaName(options.schema ?? "public");
    this.table = `${schema}.liveview_session`;
    this.ddl = `CREATE SCHEMA IF NOT EXISTS ${schema};
      CREATE TABLE IF NOT EXISTS ${this.table} (
        session_key text PRIMARY KEY,
        data jsonb NOT NULL,
        version bigint NOT NULL,
        expire_at bigint NOT NULL
      );
      ALTER TABLE ${this.table} ADD COLUMN IF NOT EXISTS fence bigint NOT NULL DEFAULT 0;
      CREATE INDEX IF NOT EXISTS liveview_session_expire_at ON ${this.table} (expire_at);`;
  }

  /** Creates the table on first use; a failure (server down) is retried by the next call. */
  private tables(): Promise<void> {
    this.ready ??= ensureTables(this.pool, this.ddl).catch((error) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  async load(key: string): Promise<StoredSession | null> {
    await this.tables();
    const { rows } = await pgQuery<Row>(
      this.pool,
      this.pool,
      `SELECT data, version, expire_at FROM ${this.table} WHERE session_key = $1 AND expire_at > $2`,
      [key, Date.now()],
    );
    const row = rows[0];
    return row ? { data: row.data, version: Number(row.version), expireAt: Number(row.expire_at) } : null;
  }

  /**
   * One statement, atomic on the row: the stored data plus the changed keys, minus the deleted ones (the order of
   * applyChanges). A writer that loaded the session only updates a live row (none: session_interrupted); a new key
   * inserts, and an expired row under it starts again from the changes alone. The version always grows, so a cache
   * never mistakes an old copy.
   */
  async save(key: string, changes: SessionChanges): Promise<number> {
    const json = JSON.stringify(changes.set);
    refuseNul(changes, json);
    await this.tables();
    // Under a shared lock, a write whose fencing token is older than the stored one changes nothing ($6 null: none).
    const fence = fenceFor(key);
    const values = [key, json, changes.deleted, changes.expireAt, Date.now(), fence];
    if (changes.base) {
      const { rows } = await pgQuery<{ version: string }>(
        this.pool,
        this.pool,
        `UPDATE ${this.table} AS s SET data = (s.data || $2::jsonb) - $3::text[], version = s.version + 1, expire_at = $4,
           fence = GREATEST(s.fence, COALESCE($6::bigint, 0))
         WHERE session_key = $1 AND expire_at > $5 AND ($6::bigint IS NULL OR s.fence <= $6::bigint)
         RETURNING version`,
        values,
      );
      if (rows.length === 0) throw (await this.fencedOut(key, fence)) ? lockLost() : sessionInterrupted();
      return Number(rows[0]!.version);
    }
    const { rows } = await pgQuery<{ version: string }>(
      this.pool,
      this.pool,
      `INSERT INTO ${this.table} AS s (session_key, data, version, expire_at, fence)
         VALUES ($1, $2::jsonb - $3::text[], 1, $4, COALESCE($6::bigint, 0))
       ON CONFLICT (session_key) DO UPDATE SET
         data = CASE WHEN s.expire_at > $5 THEN (s.data || $2::jsonb) - $3::text[] ELSE $2::jsonb - $3::text[] END,
         version = s.version + 1,
         expire_at = $4,
         fence = GREATEST(s.fence, COALESCE($6::bigint, 0))
       WHERE $6::bigint IS NULL OR s.fence <= $6::bigint
       RETURNING version`,
      values,
    );
    if (rows.length === 0) throw lockLost();
    return Number(rows[0]!.version);
  }

  /** Whether a live row holds a newer fencing token than `fence`: the write lost its lock, rather than its session. */
  private async fencedOut(key: string, fence: number | null): Promise<boolean> {
    if (fence === null) return false;
    const { rows } = await pgQuery<{ fence: string }>(
      this.pool,
      this.pool,
      `SELECT fence FROM ${this.table} WHERE session_key = $1 AND expire_at > $2`,
      [key, Date.now()],
    );
    return rows.length > 0 && Number(rows[0]!.fence) > fence;
  }

  async delete(key: string): Promise<void> {
    await this.tables();
    await pgQuery(this.pool, this.pool, `DELETE FROM ${this.table} WHERE session_key = $1`, [key]);
  }

  async clearExpired(): Promise<number> {
    await this.tables();
    const result = await pgQuery(this.pool, this.pool, `DELETE FROM ${this.table} WHERE expire_at <= $1`, [Date.now()]);
    return result.rowCount ?? 0;
  }

  async close(): Promise<void> {
    await releasePg(this.pool);
  }
}
