// A session lock shared by every process on one PostgreSQL, for deployments without Redis: pg_advisory_xact_lock.

import { createHash } from "node:crypto";
import { SESSION_LOCK_WAIT_MS } from "../constants.ts";
import { pgConnect, pgError, releasePg, retainPg, type Pool } from "../db/pg.ts";
import { LiveViewError } from "../errors.ts";
import { MemorySessionLock, type SessionLock } from "./session-lock.ts";

export interface PgSessionLockOptions {
  /** Separates the lock ids of deployments sharing one database (e.g. the session schema). */
  namespace?: string;
  waitMs?: number;
}

/**
 * Holds a transaction-scoped advisory lock on a connection of its own pool for as long as the handler runs; the
 * server releases it at COMMIT or when the connection dies, so a crashed process never leaves a lock behind.
 * Give it a pool separate from the session store's: a handler holding a lock still needs a connection to save.
 */
export class PgSessionLock implements SessionLock {
  private readonly local = new MemorySessionLock();
  private readonly namespace: string;
  private readonly waitMs: number;

  constructor(
    private readonly pool: Pool,
    options: PgSessionLockOptions = {},
  ) {
    retainPg(pool);
    this.namespace = options.namespace ?? "liveview";
    this.waitMs = options.waitMs ?? SESSION_LOCK_WAIT_MS;
  }

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(key, () => this.holding(key, fn));
  }

  private async holding<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const client = await pgConnect(this.pool);
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error); // a connection lost while idle in the transaction
    client.on("error", onError);
    try {
      try {
        await client.query("BEGIN");
        await client.query(`SET LOCAL lock_timeout = ${Math.ceil(this.waitMs)}`);
        await client.query({
          text: "SELECT pg_advisory_xact_lock($1)",
          values: [this.lockId(key)],
          query_timeout: this.waitMs + 1000,
        } as never);
      } catch (error) {
        broken = error as Error;
        if ((error as { code?: string }).code === "55P03") {
          throw new LiveViewError(
            "session_busy",
            `the session is busy: its lock was not free for ${this.waitMs} ms; try again`,
          );
        }
        throw pgError(this.pool, error);
      }
      const result = await fn();
      // The work is saved already; a failed COMMIT only means the server has released the lock by itself.
      await client.query("COMMIT").catch((error: Error) => (broken = error));
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.off("error", onError);
      client.release(broken);
    }
  }

  /** A 64-bit id from the key: collisions only make two sessions wait for each other, never share data. */
  private lockId(key: string): string {
    return createHash("sha256").update(`${this.namespace}\0${key}`).digest().readBigInt64BE(0).toString();
  }

  async close(): Promise<void> {
    await releasePg(this.pool);
  }
}
