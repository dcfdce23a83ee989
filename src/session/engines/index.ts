// Picks the session store that SESSION_ENGINE, DATABASE_URL and REDIS_URL name.

import { createPgPool, isPostgresUrl, type Pool } from "../../db/pg.ts";
import { connectRedis, type Redis } from "../../db/redis.ts";
import { openSqlite } from "../../db/sqlite.ts";
import { LiveViewError } from "../../errors.ts";
import type { Settings } from "../../settings.ts";
import type { SessionStore } from "../session-store.ts";
import { CachedDbSessionStore } from "./cached-db.ts";
import { MemorySessionStore } from "./memory.ts";
import { PgSessionStore } from "./pg.ts";
import { RedisCachedDbSessionStore } from "./redis-cached-db.ts";
import { RedisSessionStore } from "./redis.ts";
import { SqliteSessionStore } from "./sqlite.ts";

export interface StoreConnections {
  /** Connections to share with other components; without them the store opens its own and closes them with itself. */
  redis?: () => Redis;
  pg?: () => Pool;
  /** Key prefix in Redis and schema in PostgreSQL, so that deployments (or tests) can share one server. */
  redisPrefix?: string;
  pgSchema?: string;
}

/** `cache`: Redis when REDIS_URL is set, else process memory. `db`: the database. `cached_db`: either cache in front of it. */
export function createSessionStore(settings: Settings, connections: StoreConnections = {}): SessionStore {
  const redisCache = () =>
    new RedisSessionStore(connections.redis?.() ?? connectRedis(settings.REDIS_URL!), {
      prefix: connections.redisPrefix,
    });
  const memoryCache = () => new MemorySessionStore(settings.SESSION_CACHE_SIZE);
  if (settings.SESSION_ENGINE === "cache") return settings.REDIS_URL ? redisCache() : memoryCache();
  const db = databaseStore(settings, connections);
  if (settings.SESSION_ENGINE === "db") return db;
  return settings.REDIS_URL
    ? new RedisCachedDbSessionStore(redisCache(), db)
    : new CachedDbSessionStore(memoryCache(), db);
}

function databaseStore(settings: Settings, connections: StoreConnections): SessionStore {
  const url = settings.DATABASE_URL;
  if (url.startsWith("sqlite:")) return new SqliteSessionStore(openSqlite(url, settings));
  if (isPostgresUrl(url))
    return new PgSessionStore(connections.pg?.() ?? createPgPool(url), { schema: connections.pgSchema });
  throw new LiveViewError("bad_setting", `no session engine for DATABASE_URL=${url}`);
}
