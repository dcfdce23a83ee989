// `liveview-node/deployment`: the parts an app runs on, for one process (SQLite, memory) or many (Redis,
// PostgreSQL): chosen from the settings by `createDeployment`, or built one by one and handed to `createApp`.

export { createDeployment, type Deployment, type DeploymentOptions } from "./server/deployment.ts";
export type { SessionStore, StoredSession, SessionChanges } from "./session/session-store.ts";
export { createSessionStore } from "./session/engines/index.ts";
export { SqliteSessionStore } from "./session/engines/sqlite.ts";
export { MemorySessionStore } from "./session/engines/memory.ts";
export { CachedDbSessionStore } from "./session/engines/cached-db.ts";
export { RedisSessionStore } from "./session/engines/redis.ts";
export { RedisCachedDbSessionStore } from "./session/engines/redis-cached-db.ts";
export { PgSessionStore } from "./session/engines/pg.ts";
export { MemorySessionLock, type SessionLock } from "./session/session-lock.ts";
export { RedisSessionLock } from "./session/redis-lock.ts";
export { PgSessionLock } from "./session/pg-lock.ts";
export type { ChannelLayer } from "./channels/channel-layer.ts";
export { MemoryChannelLayer } from "./channels/memory.ts";
export { RedisChannelLayer } from "./channels/redis.ts";
export { SqliteUserStore, type UserStore } from "./auth/user-store.ts";
export { PgUserStore } from "./auth/pg-user-store.ts";
export type { UploadStore, StoredFileInfo } from "./uploads/upload-store.ts";
export { LocalUploadStore } from "./uploads/local-store.ts";
export { openSqlite } from "./db/sqlite.ts";
export { connectRedis } from "./db/redis.ts";
export { ensureTables, isPostgresUrl, pgQuery, sharedPgPool } from "./db/pg.ts";
