// Redis and PostgreSQL for the scale tests: pinged once; without them a suite skips, or fails when CI requires them.

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { describe, it } from "vitest";

export const REDIS_URL = process.env.LIVEVIEW_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
export const PG_URL = process.env.LIVEVIEW_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const required = process.env.LIVEVIEW_REQUIRE_SERVICES === "1";

async function pingRedis(): Promise<string | null> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let cause = "";
  client.on("error", (error: Error) => (cause ||= error.message));
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return `Redis at ${REDIS_URL}: ${cause || (error as Error).message}`;
  } finally {
    client.disconnect();
  }
}

async function pingPostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 1000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return `PostgreSQL at ${PG_URL}: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redisServerBinary(): string | null {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return null;
  } catch {
    return "redis-server is not on PATH (needed to stop and restart a Redis of the test's own)";
  }
}

const missing = (await Promise.all([pingRedis(), pingPostgres()])).filter((m): m is string => m !== null);

/** A describe() that runs only with both services (and `redis-server` when asked); see the file's first line. */
export function describeWithServices(name: string, body: () => void, options: { redisServer?: boolean } = {}): void {
  const absent = [
    ...missing,
    ...(options.redisServer ? [redisServerBinary()].filter((m): m is string => m !== null) : []),
  ];
  if (absent.length === 0) {
    describe(name, body);
  } else if (required) {
    describe(name, () =>
      it("needs Redis and PostgreSQL (LIVEVIEW_REQUIRE_SERVICES=1)", () => {
        throw new Error(`required services are missing: ${absent.join("; ")}`);
      }),
    );
  } else {
    console.warn(`skipping "${name}": ${absent.join("; ")} (LIVEVIEW_REQUIRE_SERVICES=1 turns this into a failure)`);
    describe.skip(name, body);
  }
}

/** A key prefix and a schema of a test's own. */
export function isolation(): { prefix: string; schema: string } {
  const suffix = randomBytes(6).toString("hex");
  return { prefix: `lvtest:${suffix}:`, schema: `lvtest_${suffix}` };
}

/** Removes what a test left behind: its schema and every key under its prefix. */
export async function cleanUp(
  { prefix, schema }: { prefix: string; schema: string },
  redisUrl = REDIS_URL,
): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } catch {
    // a Redis of the test's own may be gone already
  } finally {
    redis.disconnect();
  }
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } catch (error) {
    if (missing.length === 0) throw error; // with the services up, a failed clean-up is a failure
  } finally {
    await client.end().catch(() => undefined);
  }
}
