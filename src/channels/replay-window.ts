// The in-process window of each group's latest kept messages, numbered, for sockets that reconnect.

import { randomBytes } from "node:crypto";
import { REPLAY_EPOCH_BYTES, REPLAY_GROUPS_KEPT, REPLAY_KEPT_MS } from "../constants.ts";
import type { JsonObject } from "../json.ts";
import type { GroupHistory, Sequence } from "./channel-layer.ts";

interface Kept {
  epoch: string;
  last: number;
  /** When the last message was kept: a window idle past REPLAY_KEPT_MS is forgotten, as Redis expires its own. */
  at: number;
  messages: { n: number; message: JsonObject }[];
}

export const newEpoch = (): string => randomBytes(REPLAY_EPOCH_BYTES).toString("hex");

/**
 * Bounded twice: `size` messages per group, and REPLAY_GROUPS_KEPT groups (every page has a room of its own, so
 * groups come and go); the least recently used group goes first, and a group that comes back starts a new history.
 */
export class ReplayWindow {
  private readonly groups = new Map<string, Kept>();

  constructor(private readonly size: number) {}

  append(group: string, message: JsonObject): Sequence {
    const kept = this.touch(group);
    const n = ++kept.last;
    kept.at = Date.now();
    kept.messages.push({ n, message });
    if (kept.messages.length > this.size) kept.messages.shift();
    return { group, epoch: kept.epoch, n };
  }

  since(group: string, epoch: string, after: number): GroupHistory {
    const kept = this.touch(group);
    const history = { epoch: kept.epoch, last: kept.last };
    if (epoch !== kept.epoch || after > kept.last) return { ...history, missed: null };
    const first = kept.messages[0]?.n ?? kept.last + 1;
    if (after + 1 < first) return { ...history, missed: null };
    return { ...history, missed: kept.messages.slice(after + 1 - first) };
  }

  /** The group's window, made most recently used (a new history when it had none, or an expired one). */
  private touch(group: string): Kept {
    let kept = this.groups.get(group);
    if (kept && Date.now() - kept.at > REPLAY_KEPT_MS) kept = undefined;
    this.groups.delete(group);
    kept ??= { epoch: newEpoch(), last: 0, at: Date.now(), messages: [] };
    this.groups.set(group, kept);
    if (this.groups.size > REPLAY_GROUPS_KEPT) this.groups.delete(this.groups.keys().next().value!);
    return kept;
  }
}
