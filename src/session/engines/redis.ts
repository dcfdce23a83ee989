// The `cache` engine on Redis (REDIS_URL): one hash per session, merged by a Lua script, expired by Redis itself.

import { CACHE_PENDING_MS, DEFAULT_REDIS_PREFIX } from "../../constants.ts";
import type { JsonObject } from "../../json.ts";
import { redisCall, releaseRedis, retainRedis, type Redis } from "../../db/redis.ts";
import { lockLost, sessionInterrupted } from "../../errors.ts";
import { fenceFor } from "../fence.ts";
import type { SessionCache, SessionChanges, StoredSession } from "../session-store.ts";
import { FORGET, MARK, PATCH, PUT, SAVE } from "./redis-scripts.ts";

export interface RedisSessionStoreOptions {
  /** Prefix of every key (default `liveview:`): lets deployments or tests share one Redis. */
  prefix?: string;
}

const field = (name: string) => "=" + name;
/** What SAVE answers when a write under a newer fencing token came first. */
const STALE_FENCE = -2;

export class RedisSessionStore implements SessionCache {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    options: RedisSessionStoreOptions = {},
  ) {
    retainRedis(redis);
    this.prefix = (options.prefix ?? DEFAULT_REDIS_PREFIX) + "session:";
  }

  private key(key: string): string {
    return this.prefix + key;
  }

  /** Null when absent, expired, or not servable (a database write under way, or only its version known). */
  async load(key: string): Promise<StoredSession | null> {
    const hash = await redisCall(this.redis, () => this.redis.hgetall(this.key(key)));
    if (!hash["#v"] || hash["#p"] || hash["#t"] || !hash["#e"]) return null;
    const expireAt = Number(hash["#e"]);
    if (expireAt <= Date.now()) return null;
    // fromEntries defines own properties: a value stored under `__proto__` comes back as that value.
    const data: JsonObject = Object.fromEntries(
      Object.entries(hash)
        .filter(([name]) => name.startsWith("="))
        .map(([name, json]) => [name.slice(1), JSON.parse(json)]),
    );
    return { data, version: Number(hash["#v"]), expireAt };
  }

  async save(key: string, changes: SessionChanges): Promise<number> {
    const fence = fenceFor(key);
    const args = [
      changes.expireAt,
      changes.base ? Date.now() : "",
      fence === null ? "" : String(fence),
      ...changeArgs(changes),
    ];
    const version = Number(await redisCall(this.redis, () => SAVE.run(this.redis, [this.key(key)], args)));
    if (version === STALE_FENCE) throw lockLost();
    if (version < 0) throw sessionInterrupted();
    return version;
  }

  /** Stores a whole session read from the database, unless a write is under way or a newer version is known. */
  async put(key: string, session: StoredSession): Promise<void> {
    const pairs = Object.entries(session.data).flatMap(([k, v]) => [field(k), JSON.stringify(v)]);
    await redisCall(this.redis, () =>
      PUT.run(this.redis, [this.key(key)], [session.version, session.expireAt, ...pairs]),
    );
  }

  /** Marks the cached copy as not to be served nor refilled (before the database it mirrors changes). */
  async markPending(key: string): Promise<void> {
    await redisCall(this.redis, () => MARK.run(this.redis, [this.key(key)], [CACHE_PENDING_MS]));
  }

  /** Applies a database save of `version` to the cached copy, if that copy was exactly one version behind. */
  async patch(key: string, version: number, changes: SessionChanges): Promise<void> {
    const args = [version, changes.expireAt, ...changeArgs(changes)];
    await redisCall(this.redis, () => PATCH.run(this.redis, [this.key(key)], args));
  }

  async delete(key: string): Promise<void> {
    await redisCall(this.redis, () => this.redis.del(this.key(key)));
  }

  /** After the database deleted the session: no copy, and no refill by a reader that loaded it just before. */
  async forget(key: string): Promise<void> {
    await redisCall(this.redis, () => FORGET.run(this.redis, [this.key(key)], [CACHE_PENDING_MS]));
  }

  /** Redis removes expired sessions by itself (PEXPIREAT): nothing to do. */
  async clearExpired(): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {
    await releaseRedis(this.redis);
  }
}

/** n, then the changed keys as field/JSON pairs, then the deleted fields. */
function changeArgs(changes: SessionChanges): (string | number)[] {
  const pairs = Object.entries(changes.set).flatMap(([k, v]) => [field(k), JSON.stringify(v)]);
  return [pairs.length / 2, ...pairs, ...changes.deleted.map(field)];
}
