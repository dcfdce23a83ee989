// The store contract on the engines that need a server: Redis (cache), PostgreSQL (db), and Redis in front of
// SQLite and of PostgreSQL (cached_db). Each engine gets a key prefix and a schema of its own.

import { afterAll } from "vitest";
import { createPgPool } from "../../src/db/pg.ts";
import { connectRedis } from "../../src/db/redis.ts";
import { openSqlite } from "../../src/deployment.ts";
import { PgSessionStore } from "../../src/session/engines/pg.ts";
import { RedisCachedDbSessionStore } from "../../src/session/engines/redis-cached-db.ts";
import { RedisSessionStore } from "../../src/session/engines/redis.ts";
import { SqliteSessionStore } from "../../src/session/engines/sqlite.ts";
import type { SessionStore } from "../../src/session/session-store.ts";
import { tempDatabaseUrl } from "../helpers.ts";
import { cleanUp, describeWithServices, isolation, PG_URL, REDIS_URL } from "../scale/services.ts";
import { storeContract } from "./store-contract.ts";

const isolations: ReturnType<typeof isolation>[] = [];
const stores: SessionStore[] = [];
afterAll(async () => {
  for (const store of stores) await store.close().catch(() => undefined);
  for (const ids of isolations) await cleanUp(ids);
});

function engine(make: (ids: ReturnType<typeof isolation>) => SessionStore): () => SessionStore {
  const ids = isolation();
  isolations.push(ids);
  return () => {
    const store = make(ids);
    stores.push(store);
    return store;
  };
}

const redis = (ids: { prefix: string }) => new RedisSessionStore(connectRedis(REDIS_URL), { prefix: ids.prefix });
const pg = (ids: { schema: string }) => new PgSessionStore(createPgPool(PG_URL), { schema: ids.schema });

describeWithServices("session engines on Redis and PostgreSQL", () => {
  storeContract("redis (cache)", engine(redis));
  storeContract("postgresql (db)", engine(pg));
  storeContract(
    "redis in front of sqlite (cached_db)",
    engine((ids) => new RedisCachedDbSessionStore(redis(ids), new SqliteSessionStore(openSqlite(tempDatabaseUrl())))),
  );
  storeContract(
    "redis in front of postgresql (cached_db)",
    engine((ids) => new RedisCachedDbSessionStore(redis(ids), pg(ids))),
  );
});
