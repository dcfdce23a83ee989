// One Redis connection in subscriber mode per process, shared by every group and lock that listens to a channel.

import { connectionLog } from "../logger.ts";
import { redisCall, releaseRedis, retainRedis, type Redis } from "../db/redis.ts";
import { release, retain } from "../db/ref-count.ts";

export type ChannelHandler = (payload: string, channel: string) => void;

/**
 * SUBSCRIBE when a channel gets its first handler, UNSUBSCRIBE when it loses its last. After a reconnect every channel
 * that still has handlers is subscribed again (messages published meanwhile are lost: Redis pub/sub keeps nothing).
 */
export class RedisSubscriber {
  private readonly handlers = new Map<string, Set<ChannelHandler>>();
  /** Channels whose SUBSCRIBE is sent (the promise settles with its acknowledgement). */
  private readonly subscribed = new Map<string, Promise<void>>();

  constructor(private readonly client: Redis) {
    retainRedis(client);
    client.on("message", (channel: string, payload: string) => {
      for (const handler of [...(this.handlers.get(channel) ?? [])]) handler(payload, channel);
    });
    client.on("close", () => this.subscribed.clear());
    client.on("ready", () => this.resubscribe());
  }

  /** Resolves once Redis has acknowledged the subscription; fails with store_unavailable when Redis is down. */
  async listen(channel: string, handler: ChannelHandler): Promise<void> {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    let ack = this.subscribed.get(channel);
    if (!ack) {
      ack = redisCall(this.client, () => this.client.subscribe(channel)).then(() => undefined);
      this.subscribed.set(channel, ack);
      const mine = ack;
      ack.catch(() => this.subscribed.get(channel) === mine && this.subscribed.delete(channel));
    }
    await ack;
  }

  /** Whether SUBSCRIBE was sent for the channel on the current connection (false after a disconnect, until resubscribed). */
  isSubscribed(channel: string): boolean {
    return this.subscribed.has(channel);
  }

  async unlisten(channel: string, handler: ChannelHandler): Promise<void> {
    const set = this.handlers.get(channel);
    if (!set?.delete(handler) || set.size > 0) return;
    this.handlers.delete(channel);
    if (!this.subscribed.delete(channel) || this.client.status !== "ready") return;
    await this.client.unsubscribe(channel).catch(() => undefined);
  }

  async unlistenAll(handler: ChannelHandler): Promise<void> {
    await Promise.all([...this.handlers.keys()].map((channel) => this.unlisten(channel, handler)));
  }

  private resubscribe(): void {
    const channels = [...this.handlers.keys()].filter((c) => !this.subscribed.has(c));
    if (channels.length === 0) return;
    const ack = this.client.subscribe(...channels).then(() => undefined);
    for (const channel of channels) this.subscribed.set(channel, ack);
    ack.catch((error) => {
      for (const channel of channels) if (this.subscribed.get(channel) === ack) this.subscribed.delete(channel);
      connectionLog().error(`liveview: resubscribing ${channels.length} Redis channels failed: ${error.message}`);
    });
  }

  /** Shared by the channel layer and the lock: the last of them to close closes the connection. */
  retain(): this {
    return retain(this);
  }

  close(): Promise<void> {
    return release(this, async () => {
      this.handlers.clear();
      this.subscribed.clear();
      await releaseRedis(this.client);
    });
  }
}
