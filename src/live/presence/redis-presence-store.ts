// Presence entries in Redis, for every process: each process beats in a sorted set, and any process removes the
// entries of one that stopped beating (killed, frozen, cut off), within the timeout and one beat.

import { randomUUID } from "node:crypto";
import { PRESENCE_BEATS_PER_TIMEOUT } from "../../constants.ts";
import type { JsonObject } from "../../json.ts";
import { redisCall, releaseRedis, retainRedis, type Redis } from "../../db/redis.ts";
import { RedisScript } from "../../db/redis-script.ts";
import { connectionLog } from "../../logger.ts";
import type { PresenceDiff, PresenceEntries, PresenceStore } from "./presence-store.ts";

/**
 * KEYS: the processes' sorted set. ARGV: the oldest beat still alive (ms), the key prefix. Claims each dead process
 * (ZREM: one sweeper wins), deletes its entries and returns them as [member, value, ...], where member is the JSON
 * `[topic, key]` and value the entry's JSON.
 */
const SWEEP = new RedisScript(`
local out = {}
for _, pid in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])) do
  redis.call('ZREM', KEYS[1], pid)
  local own = ARGV[2] .. 'proc:' .. pid
  for _, member in ipairs(redis.call('SMEMBERS', own)) do
    local at = cjson.decode(member)
    local topic = ARGV[2] .. 'topic:' .. at[1]
    local value = redis.call('HGET', topic, at[2])
    if value then
      redis.call('HDEL', topic, at[2])
      table.insert(out, member)
      table.insert(out, value)
    end
  end
  redis.call('DEL', own)
end
return out
`);

export interface RedisPresenceStoreOptions {
  prefix: string;
  /** An entry of a process that stopped beating is removed after this long, plus one beat at most. */
  timeoutMs: number;
}

export class RedisPresenceStore implements PresenceStore {
  private readonly id = randomUUID();
  private readonly prefix: string;
  /** This process's own entries: put back if the others took it for dead while it was only slow. */
  private readonly own = new Map<string, { topic: string; key: string; meta: JsonObject }>();
  private readonly timer: ReturnType<typeof setInterval>;
  private listener: (topic: string, diff: PresenceDiff) => void = () => undefined;

  constructor(
    private readonly client: Redis,
    private readonly options: RedisPresenceStoreOptions,
  ) {
    retainRedis(client);
    this.prefix = options.prefix + "presence:";
    this.timer = setInterval(() => void this.beat(), options.timeoutMs / PRESENCE_BEATS_PER_TIMEOUT);
    this.timer.unref();
  }

  private topicKey = (topic: string) => `${this.prefix}topic:${topic}`;
  private ownKey = () => `${this.prefix}proc:${this.id}`;
  private processesKey = () => `${this.prefix}processes`;

  onChange(listener: (topic: string, diff: PresenceDiff) => void): void {
    this.listener = listener;
  }

  async put(topic: string, key: string, meta: JsonObject): Promise<void> {
    const member = JSON.stringify([topic, key]);
    this.own.set(member, { topic, key, meta });
    await redisCall(this.client, () =>
      this.client
        .multi()
        .zadd(this.processesKey(), Date.now(), this.id)
        .hset(this.topicKey(topic), key, JSON.stringify(meta))
        .sadd(this.ownKey(), member)
        .exec(),
    );
  }

  async remove(topic: string, key: string): Promise<void> {
    const member = JSON.stringify([topic, key]);
    this.own.delete(member);
    await redisCall(this.client, () =>
      this.client.multi().hdel(this.topicKey(topic), key).srem(this.ownKey(), member).exec(),
    );
  }

  async list(topic: string): Promise<PresenceEntries> {
    const raw = await redisCall(this.client, () => this.client.hgetall(this.topicKey(topic)));
    return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, JSON.parse(value) as JsonObject]));
  }

  /** Renews this process's beat, then removes the entries of processes whose last beat is older than the timeout. */
  private async beat(): Promise<void> {
    try {
      const now = Date.now();
      // ZADD answers 1 when this process was not in the set: others swept it (it stalled); its entries go back.
      const added = await redisCall(this.client, () => this.client.zadd(this.processesKey(), now, this.id));
      if (added === 1 && this.own.size > 0) await this.restore();
      const swept = (await redisCall(this.client, () =>
        SWEEP.run(this.client, [this.processesKey()], [now - this.options.timeoutMs, this.prefix]),
      )) as string[];
      this.announce(swept, "leaves");
    } catch (error) {
      connectionLog().error(`liveview: presence could not beat or sweep: ${(error as Error).message}`);
    }
  }

  private async restore(): Promise<void> {
    const entries = [...this.own.values()];
    for (const { topic, key, meta } of entries) await this.put(topic, key, meta);
    this.announce(
      entries.flatMap(({ topic, key, meta }) => [JSON.stringify([topic, key]), JSON.stringify(meta)]),
      "joins",
    );
  }

  /** Tells the listener of `[member, value, ...]`, one diff per topic. */
  private announce(flat: string[], kind: keyof PresenceDiff): void {
    const byTopic = new Map<string, PresenceEntries>();
    for (let i = 0; i < flat.length; i += 2) {
      const [topic, key] = JSON.parse(flat[i]!) as [string, string];
      if (!byTopic.has(topic)) byTopic.set(topic, {});
      byTopic.get(topic)![key] = JSON.parse(flat[i + 1]!) as JsonObject;
    }
    for (const [topic, entries] of byTopic) {
      this.listener(topic, { joins: {}, leaves: {}, [kind]: entries });
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    // Entries still here (an app closed with sockets open) go with the process, as they would on a crash.
    const close = this.client.multi().zrem(this.processesKey(), this.id).del(this.ownKey());
    for (const { topic, key } of this.own.values()) close.hdel(this.topicKey(topic), key);
    this.own.clear();
    await redisCall(this.client, () => close.exec()).catch(() => undefined);
    await releaseRedis(this.client);
  }
}
