// Presence: which sockets are in a topic, with what meta, seen from every process; joins and leaves are pushed to
// the topic's tracked sockets. Phoenix's Presence, for a server-rendered page: a socket tracks itself and hears diffs.

import type { ChannelLayer } from "../../channels/channel-layer.ts";
import type { JsonObject } from "../../json.ts";
import type { Logger } from "../../logger.ts";
import { ACTION_PRESENCE_DIFF } from "../../protocol.ts";
import type { Consumer } from "../connection/consumer.ts";
import type { PresenceDiff, PresenceEntries, PresenceStore } from "./presence-store.ts";

/** What a tracked socket does with a diff: by default the browser gets `{"action": "presence_diff", ...}`. */
export type PresenceDiffHandler = (diff: PresenceDiff & { topic: string }) => void | Promise<void>;

/** The envelope a topic's group carries. */
const PRESENCE_TYPE = "liveview.presence";
const presenceGroup = (topic: string) => `liveview_presence:${topic}`;

interface Tracked {
  meta: JsonObject;
  onDiff: PresenceDiffHandler | null;
}

export class Presence {
  /** The sockets of this process tracked in each topic. */
  private readonly local = new Map<string, Map<Consumer, Tracked>>();
  /** The topics of each socket, so it leaves them all when it goes. */
  private readonly topicsOf = new Map<Consumer, Set<string>>();

  constructor(
    private readonly store: PresenceStore,
    private readonly channels: ChannelLayer,
    private readonly logger: Logger,
  ) {
    store.onChange((topic, diff) => void this.publish(topic, diff));
  }

  /** Puts the socket in the topic with `meta` (again: its meta is replaced); it leaves when it closes. */
  async track(consumer: Consumer, topic: string, meta: JsonObject, onDiff?: PresenceDiffHandler): Promise<void> {
    let sockets = this.local.get(topic);
    if (!sockets) {
      this.local.set(topic, (sockets = new Map()));
      await this.channels.groupAdd(presenceGroup(topic), this.receive);
    }
    let topics = this.topicsOf.get(consumer);
    if (!topics) {
      this.topicsOf.set(consumer, (topics = new Set()));
      consumer.onLeave(() => this.untrackAll(consumer));
    }
    topics.add(topic);
    sockets.set(consumer, { meta, onDiff: onDiff ?? null });
    await this.store.put(topic, consumer.id, meta);
    await this.publish(topic, { joins: { [consumer.id]: meta }, leaves: {} });
    // Closed meanwhile: its leave may have run before this entry existed.
    if (!consumer.isOpen) await this.untrackAll(consumer);
  }

  async untrack(consumer: Consumer, topic: string): Promise<void> {
    const sockets = this.local.get(topic);
    const tracked = sockets?.get(consumer);
    if (!sockets || !tracked) return;
    sockets.delete(consumer);
    this.topicsOf.get(consumer)?.delete(topic);
    await this.store.remove(topic, consumer.id);
    await this.publish(topic, { joins: {}, leaves: { [consumer.id]: tracked.meta } });
    if (sockets.size === 0) {
      this.local.delete(topic);
      await this.channels.groupDiscard(presenceGroup(topic), this.receive);
    }
  }

  /** Every entry of the topic, from every process, by key (a socket's id). */
  list(topic: string): Promise<PresenceEntries> {
    return this.store.list(topic);
  }

  private async untrackAll(consumer: Consumer): Promise<void> {
    for (const topic of [...(this.topicsOf.get(consumer) ?? [])]) await this.untrack(consumer, topic);
    this.topicsOf.delete(consumer);
  }

  private async publish(topic: string, diff: PresenceDiff): Promise<void> {
    try {
      await this.channels.groupSend(presenceGroup(topic), { type: PRESENCE_TYPE, topic, ...diff });
    } catch (error) {
      this.logger.error(`liveview: a presence diff of topic ${topic} was not delivered`, error);
    }
  }

  private readonly receive = (message: JsonObject): void => {
    if (message.type !== PRESENCE_TYPE) return;
    const topic = String(message.topic);
    const diff = { topic, joins: message.joins as PresenceEntries, leaves: message.leaves as PresenceEntries };
    for (const [consumer, { onDiff }] of this.local.get(topic) ?? []) {
      if (onDiff) void consumer.enqueue(async () => onDiff(diff));
      else consumer.sendJson({ action: ACTION_PRESENCE_DIFF, ...diff });
    }
  };

  /** Untracks this process's sockets (their leaves are sent), then closes the store. */
  async close(): Promise<void> {
    await Promise.all([...this.topicsOf.keys()].map((consumer) => this.untrackAll(consumer)));
    await this.store.close();
  }
}
