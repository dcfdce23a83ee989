// The channel layer over Redis pub/sub (REDIS_URL): a group reaches its sockets on every process.

import { connectionLog } from "../logger.ts";
import { randomUUID } from "node:crypto";
import { DEFAULT_REDIS_PREFIX, DEFAULT_REPLAY_WINDOW, REDIS_COMMAND_TIMEOUT_MS } from "../constants.ts";
import type { JsonObject } from "../json.ts";
import { redisCall, releaseRedis, retainRedis, type Redis } from "../db/redis.ts";
import { storeUnavailable } from "../errors.ts";
import type { ChannelLayer, GroupHistory, GroupListener } from "./channel-layer.ts";
import { MemoryChannelLayer } from "./memory.ts";
import { RedisHistory } from "./redis-history.ts";
import type { RedisSubscriber } from "./redis-subscriber.ts";

/** A group message that Redis could not carry: the sender hears of it, as of any store that is down. */
function undelivered(group: string, why: string): Error {
  return storeUnavailable(
    "Redis pub/sub",
    new Error(`a message to group ${group} was not delivered: ${why}`),
    "Send it again in a moment.",
  );
}

export interface RedisChannelLayerOptions {
  /** Prefix of every channel name (default `liveview:`). */
  prefix?: string;
  /** Messages kept per group for sockets that reconnect (LIVEVIEW_REPLAY_WINDOW). */
  replayWindow?: number;
}

/** What travels on a group's channel: the sender (process and sequence), the message and, if kept, its number. */
interface Envelope {
  o: string;
  s: number;
  m: JsonObject;
  q?: { n: number; e: string };
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
  private readonly echoes = new Map<number, (cameBack: boolean) => void>();
  private readonly history: RedisHistory;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: RedisSubscriber,
    options: RedisChannelLayerOptions = {},
  ) {
    retainRedis(publisher);
    subscriber.retain();
    this.prefix = (options.prefix ?? DEFAULT_REDIS_PREFIX) + "group:";
    const window = options.replayWindow ?? DEFAULT_REPLAY_WINDOW;
    this.history = new RedisHistory(publisher, options.prefix ?? DEFAULT_REDIS_PREFIX, window);
  }

  private readonly receive = (payload: string, channel: string): void => {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      connectionLog().error(`liveview: ignored a message on ${channel} that is not JSON`);
      return;
    }
    const group = channel.slice(this.prefix.length);
    const q = envelope.q;
    this.local.deliver(group, envelope.m, q ? { group, epoch: q.e, n: q.n } : undefined);
    if (envelope.o === this.origin) this.echoes.get(envelope.s)?.(true);
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

  /**
   * Fails (store_unavailable) rather than drop a message silently: when Redis is down, when this process's own
   * subscription to the group is gone (its subscriber connection is reconnecting), or when Redis says nobody at all
   * received it while this process has members. A message that went out but does not come back is logged.
   */
  async groupSend(group: string, message: JsonObject): Promise<void> {
    await this.publish(group, message, (channel, envelope) => this.publisher.publish(channel, envelope));
  }

  /** Numbered and kept in the group's stream by the same script that publishes it (see redis-history.ts). */
  async groupSendKept(group: string, message: JsonObject): Promise<void> {
    await this.publish(group, message, (channel, envelope) => this.history.send(group, channel, envelope, message));
  }

  groupHistory(group: string, epoch: string, after: number): Promise<GroupHistory> {
    return redisCall(this.publisher, () => this.history.since(group, epoch, after));
  }

  private async publish(
    group: string,
    message: JsonObject,
    publish: (channel: string, envelope: string) => Promise<number>,
  ): Promise<void> {
    const channel = this.prefix + group;
    const envelope: Envelope = { o: this.origin, s: ++this.sequence, m: message };
    const members = this.local.hasGroup(group);
    if (members && !this.subscriber.isSubscribed(channel))
      throw undelivered(group, "this process's subscription to it is being restored");
    const echo = members ? this.echo(group, envelope.s) : null;
    let receivers: number;
    try {
      receivers = await redisCall(this.publisher, () => publish(channel, JSON.stringify(envelope)));
    } catch (error) {
      this.echoes.get(envelope.s)?.(false);
      throw error;
    }
    if (members && receivers === 0) {
      this.echoes.get(envelope.s)?.(false);
      throw undelivered(group, "no process was subscribed to it (the subscriptions are being restored)");
    }
    await echo;
  }

  /** Resolves when our own message comes back (bounded: the last local member may leave meanwhile). */
  private echo(group: string, sequence: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (cameBack: boolean) => {
        clearTimeout(timer);
        this.echoes.delete(sequence);
        if (!cameBack && this.local.hasGroup(group)) {
          connectionLog().error(
            `liveview: a message to group ${group} did not come back from Redis within ${REDIS_COMMAND_TIMEOUT_MS} ms; this process's sockets in it may have missed it`,
          );
        }
        resolve();
      };
      const timer = setTimeout(() => done(false), REDIS_COMMAND_TIMEOUT_MS);
      this.echoes.set(sequence, done);
    });
  }

  async close(): Promise<void> {
    for (const done of [...this.echoes.values()]) done(true);
    await this.local.close();
    await this.subscriber.unlistenAll(this.receive);
    await this.subscriber.close();
    await releaseRedis(this.publisher);
  }
}
