// What a deployment is made of, chosen from the settings: one process (SQLite, memory) or many (Redis, PostgreSQL).

import type { UserStore } from "../auth/user-store.ts";
import { SqliteUserStore } from "../auth/user-store.ts";
import { PgUserStore } from "../auth/pg-user-store.ts";
import type { ChannelLayer } from "../channels/channel-layer.ts";
import { MemoryChannelLayer } from "../channels/memory.ts";
import { RedisChannelLayer } from "../channels/redis.ts";
import { RedisSubscriber } from "../channels/redis-subscriber.ts";
import { createPgPool, isPostgresUrl, type Pool } from "../db/pg.ts";
import { connectRedis, type Redis } from "../db/redis.ts";
import { openSqlite } from "../db/sqlite.ts";
import { createSessionStore } from "../session/engines/index.ts";
import { PgSessionLock } from "../session/pg-lock.ts";
import { RedisSessionLock } from "../session/redis-lock.ts";
import { MemorySessionLock, type SessionLock } from "../session/session-lock.ts";
import type { SessionStore } from "../session/session-store.ts";
import type { Settings } from "../settings.ts";
import { DEFAULT_REDIS_PREFIX } from "../constants.ts";
import type { PresenceStore } from "../live/presence/presence-store.ts";
import { MemoryPresenceStore } from "../live/presence/memory-presence-store.ts";
import { RedisPresenceStore } from "../live/presence/redis-presence-store.ts";

export interface Deployment {
  sessionStore: SessionStore;
  sessionLock: SessionLock;
  channels: ChannelLayer;
  users: UserStore;
  presenceStore: PresenceStore;
}

export interface DeploymentOptions {
  /** Parts the caller brings (e.g. AppOptions); only the others are built, and only their connections opened. */
  use?: Partial<Deployment>;
  /** Key prefix in Redis (default `liveview:`) and schema in PostgreSQL (default `public`): several apps, one server. */
  redisPrefix?: string;
  pgSchema?: string;
  /** Lease of the Redis session lock (see SESSION_LOCK_LEASE_MS). */
  lockLeaseMs?: number;
}

/**
 * Without REDIS_URL and with SQLite, everything stays in the process, as before. REDIS_URL adds the Redis channel
 * layer and session lock (and the Redis store for `cache`, Redis in front for `cached_db`); a postgres:// DATABASE_URL
 * puts sessions and users in PostgreSQL, with advisory locks when there is no Redis. Per process: one Redis command
 * connection, one subscriber connection, one pool for data and (without Redis) one for locks.
 */
export function createDeployment(settings: Settings, options: DeploymentOptions = {}): Deployment {
  const use = options.use ?? {};
  const redisUrl = settings.REDIS_URL;
  const pgUrl = isPostgresUrl(settings.DATABASE_URL) ? settings.DATABASE_URL : null;
  let redis: Redis | undefined;
  let subscriber: RedisSubscriber | undefined;
  let pool: Pool | undefined;
  const commands = () => (redis ??= connectRedis(redisUrl!));
  const subscriptions = () => (subscriber ??= new RedisSubscriber(connectRedis(redisUrl!, "subscriber")));
  const data = () => (pool ??= createPgPool(pgUrl!));
  const prefix = options.redisPrefix;

  const sessionStore =
    use.sessionStore ??
    createSessionStore(settings, { redis: commands, pg: data, redisPrefix: prefix, pgSchema: options.pgSchema });
  const sessionLock =
    use.sessionLock ??
    (redisUrl
      ? new RedisSessionLock(commands(), subscriptions(), { prefix, leaseMs: options.lockLeaseMs })
      : pgUrl
        ? new PgSessionLock(createPgPool(pgUrl), { namespace: options.pgSchema })
        : new MemorySessionLock());
  const channels =
    use.channels ??
    (redisUrl
      ? new RedisChannelLayer(commands(), subscriptions(), { prefix, replayWindow: settings.LIVEVIEW_REPLAY_WINDOW })
      : new MemoryChannelLayer({ replayWindow: settings.LIVEVIEW_REPLAY_WINDOW }));
  const users =
    use.users ??
    (pgUrl
      ? new PgUserStore(data(), { schema: options.pgSchema })
      : new SqliteUserStore(
          openSqlite(settings.DATABASE_URL.startsWith("sqlite:") ? settings.DATABASE_URL : "sqlite::memory:", settings),
        ));
  const presenceStore =
    use.presenceStore ??
    (redisUrl
      ? new RedisPresenceStore(commands(), {
          prefix: prefix ?? DEFAULT_REDIS_PREFIX,
          timeoutMs: settings.LIVEVIEW_PRESENCE_TIMEOUT_MS,
        })
      : new MemoryPresenceStore());
  return { sessionStore, sessionLock, channels, users, presenceStore };
}
