// The channel layer over Redis pub/sub (REDIS_URL): a group reaches its sockets on every process.

import { connectionLog } from "../logger.ts";
import { randomUUID } from "node:crypto";
import { DEFAULT_REDIS_PREFIX, REDIS_COMMAND_TIMEOUT_MS } from "../constants.ts";
import type { JsonObject } from "../json.ts";
import { redisCall, releaseRedis, retainRedis, type Redis } from "../db/redis.ts";
import type { ChannelLayer, GroupListener } from "./channel-layer.ts";
import { MemoryChannelLayer } from "./memory.ts";
import type { RedisSubscriber } from "./redis-subscriber.ts";

export interface RedisChannelLayerOptions {
  /** Prefix of every channel name (default `liveview:`). */
  prefix?: string;
}

/** What travels on a group's channel: the sender (process and sequence) and the message. */
interface Envelope {
  o: string;
  s: number;
  m: JsonObject;
}

/**
 * Every message goes through Redis, this process's own sockets included, so all processes see one group's
 * messages in the same order. `groupSend` resolves once this process's own members have had the message,
 * as with the in-process layer.
 */
export class RedisChannelLayer implements ChannelLayer {
  private readonly local = new MemoryChannelLayer();
  private readonly prefix: string;
  private readonly origin = randomUUID();
  private sequence = 0;
  private readonly echoes = new Map<number, () => void>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: RedisSubscriber,
    options: RedisChannelLayerOptions = {},
  ) {
    retainRedis(publisher);
    subscriber.retain();
    this.prefix = (options.prefix ?? DEFAULT_REDIS_PREFIX) + "group:";
  }

  private readonly receive = (payload: string, channel: string): void => {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      connectionLog().error(`liveview: ignored a message on ${channel} that is not JSON`);
      return;
    }
    this.local.deliver(channel.slice(this.prefix.length), envelope.m);
    if (envelope.o === this.origin) this.echoes.get(envelope.s)?.();
  };

  /** Resolves once Redis acknowledged the subscription (the first local member subscribes the process). */
  async groupAdd(group: string, listener: GroupListener): Promise<void> {
    await this.local.groupAdd(group, listener);
    await this.subscriber.listen(this.prefix + group, this.receive);
  }

  async groupDiscard(group: string, listener: GroupListener): Promise<void> {
    await this.local.groupDiscard(group, listener);
    if (!this.local.hasGroup(group)) await this.subscriber.unlisten(this.prefix + group, this.receive);
  }

  async groupSend(group: string, message: JsonObject): Promise<void> {
    const envelope: Envelope = { o: this.origin, s: ++this.sequence, m: message };
    const echo = this.local.hasGroup(group) ? this.echo(envelope.s) : null;
    try {
      await redisCall(this.publisher, () => this.publisher.publish(this.prefix + group, JSON.stringify(envelope)));
    } catch (error) {
      this.echoes.delete(envelope.s);
      throw error;
    }
    await echo;
  }

  /** Resolves when our own message comes back (bounded: the last local member may leave meanwhile). */
  private echo(sequence: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.echoes.delete(sequence);
        resolve();
      };
      const timer = setTimeout(done, REDIS_COMMAND_TIMEOUT_MS);
      this.echoes.set(sequence, done);
    });
  }

  async close(): Promise<void> {
    for (const done of [...this.echoes.values()]) done();
    await this.local.close();
    await this.subscriber.unlistenAll(this.receive);
    await this.subscriber.close();
    await releaseRedis(this.publisher);
  }
}
