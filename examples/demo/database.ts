// The demo's own tables, in the app's database (SQLite or PostgreSQL): one statement at a time, with `?` placeholders.

import { ensureTables, isPostgresUrl, openSqlite, pgQuery, sharedPgPool } from "liveview-node/deployment";

/** A table as each database writes it; `sqlitePrepare` runs before every SQLite statement (cheap, idempotent). */
export interface Table {
  pg: string;
  sqlitePrepare: (db: ReturnType<typeof openSqlite>) => void;
}

/** Per table and PostgreSQL URL, the table made ready once (an ALTER locks the table: not on every query). */
const pgReady = new Map<string, Promise<void>>();

/** Runs one statement, written with `?` placeholders, on whichever database the URL names. */
export async function query<R>(databaseUrl: string, table: Table, sql: string, values: unknown[]): Promise<R[]> {
  if (isPostgresUrl(databaseUrl)) {
    const pool = sharedPgPool(databaseUrl);
    const key = `${databaseUrl}\n${table.pg}`;
    let ready = pgReady.get(key);
    if (!ready) {
      pgReady.set(key, (ready = ensureTables(pool, table.pg)));
      ready.catch(() => pgReady.delete(key)); // the database was down: try again next time
    }
    await ready;
    let n = 0;
    return (
      await pgQuery(
        pool,
        pool,
        sql.replace(/\?/g, () => `$${++n}`),
        values,
      )
    ).rows as R[];
  }
  const db = openSqlite(databaseUrl);
  table.sqlitePrepare(db);
  return db.prepare(sql).all(...values) as R[];
}
