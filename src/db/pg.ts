// PostgreSQL pools for DATABASE_URL=postgres://...: bounded waits, no crash on a dropped connection, clear errors.

import { connectionLog } from "../logger.ts";
import type pg from "pg";
import { PG_CONNECT_TIMEOUT_MS, PG_IDLE_MS, PG_POOL_SIZE, PG_QUERY_TIMEOUT_MS } from "../constants.ts";
import { LiveViewError, storeUnavailable } from "../errors.ts";
import { loadDriver } from "./driver.ts";
import { release, retain } from "./ref-count.ts";

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function createPgPool(url: string, max = PG_POOL_SIZE): Pool {
  const { Pool } = loadDriver<typeof import("pg")>("pg", "DATABASE_URL=postgres://");
  const pool = new Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    query_timeout: PG_QUERY_TIMEOUT_MS,
    idleTimeoutMillis: PG_IDLE_MS,
    allowExitOnIdle: true,
  });
  // An idle connection that the server drops emits 'error' on the pool; the next query reconnects.
  pool.on("error", (error) =>
    connectionLog().error(`liveview: PostgreSQL at ${where(pool)}: idle connection lost: ${error.message}`),
  );
  return pool;
}

const shared = new Map<string, Pool>();

/** One pool per URL for the whole process, for code that only knows DATABASE_URL (it never needs closing). */
export function sharedPgPool(url: string): Pool {
  let pool = shared.get(url);
  if (!pool) shared.set(url, (pool = createPgPool(url)));
  return pool;
}

export function where(pool: Pool): string {
  try {
    const url = new URL((pool.options as { connectionString?: string }).connectionString ?? "");
    return `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

/** Runs a query; a connection failure or timeout becomes store_unavailable, a SQL error stays as it is. */
export async function pgQuery<R extends pg.QueryResultRow>(
  db: Pool | PoolClient,
  pool: Pool,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  try {
    return await db.query<R>(text, values);
  } catch (error) {
    throw pgError(pool, error);
  }
}

export async function pgConnect(pool: Pool): Promise<PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    throw pgError(pool, error);
  }
}

/** SQLSTATE classes 08 (connection), 53 (resources), 57 (operator intervention, timeouts) mean "down", as does no SQLSTATE. */
export function pgError(pool: Pool, error: unknown): unknown {
  const code = (error as { code?: unknown })?.code;
  const sqlState = typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
  if (sqlState && !/^(08|53|57)/.test(code)) return error;
  return storeUnavailable(
    `PostgreSQL at ${where(pool)}`,
    error,
    "Check that it is running and that DATABASE_URL points to it; the server reconnects by itself, so try again in a moment.",
  );
}

/** A schema name to interpolate into SQL, checked and quoted. */
export function schemaName(schema: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema))
    throw new LiveViewError("bad_setting", `"${schema}" is not a usable schema name`);
  return `"${schema}"`;
}

/** Creates tables once per pool and schema, serialised across processes (concurrent CREATE IF NOT EXISTS can collide). */
export async function ensureTables(pool: Pool, ddl: string): Promise<void> {
  const client = await pgConnect(pool);
  try {
    await pgQuery(client, pool, "BEGIN");
    await pgQuery(client, pool, "SELECT pg_advisory_xact_lock(hashtext('liveview.ddl'))");
    await pgQuery(client, pool, ddl);
    await pgQuery(client, pool, "COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Records one more user of a pool (see releasePg). */
export function retainPg(pool: Pool): Pool {
  return retain(pool);
}

/** Lets go of a shared pool; the last user ends it. */
export function releasePg(pool: Pool): Promise<void> {
  return release(pool, () => pool.end().catch(() => undefined));
}
