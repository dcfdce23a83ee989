// Where one socket stands in each group's numbered messages: each reaches it once and in order; a gap is filled
// from the group's window, and a reconnecting client gets what it missed, or a resync when the window lost it.

import type { ChannelLayer, GroupHistory, Sequence } from "../../channels/channel-layer.ts";
import type { JsonObject } from "../../json.ts";
import type { Logger } from "../../logger.ts";
import { ACTION_RESYNC, GROUP_SEQ_KEY } from "../../protocol.ts";
import { SEND_TYPE } from "../calls/send.ts";

export interface ResumePoint {
  epoch: string;
  n: number;
}

interface Cursor extends ResumePoint {
  /** Live messages that arrived while the window was being read: delivered after what it returns. */
  pending: [JsonObject, Sequence][] | null;
}

const stamp = (s: Sequence) => [s.group, s.epoch, s.n];

export class GroupCursors {
  private readonly cursors = new Map<string, Cursor>();

  constructor(
    private readonly channels: ChannelLayer,
    private readonly send: (message: JsonObject) => void,
    private readonly logger: Logger,
  ) {}

  /** `envelope` as the group carries it: a message for the browser is `{type: SEND_TYPE, message}`. */
  private deliver(envelope: JsonObject, sequence: Sequence): void {
    if (envelope.type !== SEND_TYPE) return;
    this.send({ ...(envelope.message as JsonObject), [GROUP_SEQ_KEY]: stamp(sequence) });
  }

  /** What the group sent before `sequence` is beyond reach: the page renders afresh what depends on it. */
  private resync(sequence: Sequence): void {
    this.send({ action: ACTION_RESYNC, group: sequence.group, [GROUP_SEQ_KEY]: stamp(sequence) });
  }

  /** A numbered message from the group (its envelope), as it arrives. */
  receive(message: JsonObject, sequence: Sequence): void {
    const cursor = this.cursors.get(sequence.group);
    if (!cursor) {
      this.cursors.set(sequence.group, { epoch: sequence.epoch, n: sequence.n, pending: null });
      return this.deliver(message, sequence);
    }
    if (cursor.pending) return void cursor.pending.push([message, sequence]);
    if (sequence.epoch === cursor.epoch) {
      if (sequence.n <= cursor.n) return; // a copy of one it already has
      if (sequence.n === cursor.n + 1) {
        cursor.n = sequence.n;
        return this.deliver(message, sequence);
      }
    } else {
      // The group's numbering began again (its window expired): whatever of the new history came before this.
      cursor.epoch = sequence.epoch;
      cursor.n = 0;
    }
    // Something between the last one and this one never came (pub/sub keeps nothing across a reconnect).
    cursor.pending = [[message, sequence]];
    void this.fill(sequence.group);
  }

  /**
   * Before joining with the client's last-seen point: live messages wait from now on (one may arrive in the same
   * read as the subscription's acknowledgement, before the join's continuation runs).
   */
  hold(group: string, from: ResumePoint): void {
    this.cursors.set(group, { ...from, pending: [] });
  }

  /** Once joined: what the client missed comes first, then the live messages that waited. */
  async catchUp(group: string): Promise<void> {
    await this.fill(group);
  }

  private async fill(group: string): Promise<void> {
    const cursor = this.cursors.get(group)!;
    let history: GroupHistory | null = null;
    try {
      history = await this.channels.groupHistory(group, cursor.epoch, cursor.n);
    } catch (error) {
      this.logger.error(`liveview: the window of group ${group} could not be read; the socket resyncs`, error);
    }
    if (history?.missed) {
      for (const { n, message } of history.missed) {
        cursor.n = n;
        this.deliver(message, { group, epoch: history.epoch, n });
      }
    } else {
      // Unknown how much was lost: the page renders afresh from here, and the next message follows this point.
      // (The window unreadable: from just before the first message that waited, or where the socket was.)
      const first = cursor.pending?.[0]?.[1];
      const at =
        history ?? (first ? { epoch: first.epoch, last: first.n - 1 } : { epoch: cursor.epoch, last: cursor.n });
      cursor.epoch = at.epoch;
      cursor.n = at.last;
      this.resync({ group, epoch: at.epoch, n: at.last });
    }
    const pending = cursor.pending ?? [];
    cursor.pending = null;
    for (const [message, sequence] of pending) this.receive(message, sequence);
  }
}
