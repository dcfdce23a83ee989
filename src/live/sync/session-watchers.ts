// The sockets of each session in this process, behind one channel-layer listener per session: a save is heard once
// per process, not once per socket, and other tabs re-render at most once per interval, whatever the rate of saves.

import type { ChannelLayer } from "../../channels/channel-layer.ts";
import { ACTION_CSRF_TOKEN, CLOSE_SESSION_ENDED } from "../../protocol.ts";
import type { JsonObject } from "../../json.ts";
import { tokenFromData } from "../../session/csrf.ts";
import { sessionGroup } from "../../session/session-key.ts";
import type { SessionEvent } from "../../session/sessions.ts";
import { ChangeBatcher } from "./change-batcher.ts";
import type { Consumer } from "../connection/consumer.ts";
import { reactToSessionChange } from "./reactions.ts";
import type { Registry } from "../calls/registry.ts";

interface Watched {
  /** Most often one: an array of one costs a fraction of a Set's memory, and a session rarely has many tabs. */
  consumers: Consumer[];
  listener: (message: JsonObject) => void;
  /** Made at the first change another socket must hear of: most sessions have one socket and never need it. */
  batcher: ChangeBatcher | null;
  /** The sockets whose saves are in the pending batch: one that alone made every change has nothing to re-render. */
  origins: Set<string | null> | null;
  /** Settles once the channel layer delivers the session's events (a Redis SUBSCRIBE is acknowledged). */
  ready: Promise<void>;
}

export class SessionWatchers {
  private readonly watched = new Map<string, Watched>();

  constructor(
    private readonly channels: ChannelLayer,
    private readonly registry: Registry,
  ) {}

  async watch(key: string, consumer: Consumer): Promise<void> {
    const group = sessionGroup(key);
    let entry = this.watched.get(group);
    if (!entry) {
      const created: Watched = {
        consumers: [],
        listener: (message) => this.onEvent(created, message as unknown as SessionEvent),
        batcher: null,
        origins: null,
        ready: Promise.resolve(),
      };
      created.ready = this.channels.groupAdd(group, created.listener);
      this.watched.set(group, (entry = created));
    }
    if (!entry.consumers.includes(consumer)) entry.consumers.push(consumer);
    await entry.ready;
  }

  async unwatch(key: string, consumer: Consumer): Promise<void> {
    const group = sessionGroup(key);
    const entry = this.watched.get(group);
    const index = entry ? entry.consumers.indexOf(consumer) : -1;
    if (!entry || index < 0) return;
    entry.consumers.splice(index, 1);
    if (entry.consumers.length > 0) return;
    entry.batcher?.cancel();
    this.watched.delete(group);
    await this.channels.groupDiscard(group, entry.listener);
  }

  private onEvent(entry: Watched, event: SessionEvent): void {
    if (event.type === "session.changed") {
      // The socket that saved is the only one here: it has nothing to re-render, and no batch needs a timer for it.
      if (entry.consumers.length === 1 && entry.consumers[0]!.id === event.origin) return;
      if (!this.registry.reactsTo(event.keys)) return;
      (entry.origins ??= new Set()).add(event.origin);
      (entry.batcher ??= new ChangeBatcher((keys) => this.react(entry, keys))).add(event.keys);
      return;
    }
    for (const consumer of [...entry.consumers]) {
      if (event.type === "session.ended") consumer.close(CLOSE_SESSION_ENDED, "session ended");
      else void consumer.enqueue(() => followNewKey(consumer, event.key));
    }
  }

  private react(entry: Watched, keys: string[]): void {
    const origins = entry.origins ?? new Set();
    entry.origins = null;
    const onlyOrigin = origins.size === 1 ? onlyMember(origins) : undefined;
    for (const consumer of entry.consumers) {
      if (consumer.id !== onlyOrigin) void consumer.enqueue(() => reactToSessionChange(consumer, keys));
    }
  }
}

function onlyMember<T>(set: Set<T>): T {
  return set.values().next().value!;
}

/**
 * A socket whose session moved to a new key (a login in another tab) follows it, and its page gets a token for the
 * session's new CSRF secret, so that its forms keep posting and its socket can reconnect with its session.
 */
async function followNewKey(consumer: Consumer, key: string): Promise<void> {
  await consumer.moveToSession(key);
  const token = tokenFromData(await consumer.runtime.sessions.load(key));
  if (token) consumer.sendJson({ action: ACTION_CSRF_TOKEN, token });
}
