// The seam for groups: sockets join named groups; a message sent to a group reaches every member, in any process.

import type { JsonObject } from "../json.ts";

/**
 * Where a kept message stands in its group: the group's history (an id that changes when the numbering had to
 * begin again: a restarted process, an expired window) and its number in it, 1, 2, 3... without gaps.
 */
export interface Sequence {
  group: string;
  epoch: string;
  n: number;
}

/** `sequence` is set for messages sent with `groupSendKept`. */
export type GroupListener = (message: JsonObject, sequence?: Sequence) => void;

/** A group's history as seen from a socket that last saw message `after` of history `epoch`. */
export interface GroupHistory {
  epoch: string;
  /** The number of the group's latest message (0 before the first). */
  last: number;
  /** The messages after `after`, oldest first; null when the window no longer holds them all or the history is another. */
  missed: { n: number; message: JsonObject }[] | null;
}

export interface ChannelLayer {
  /** Starts delivering the group's messages to `listener`; resolves once delivery is set up. */
  groupAdd(group: string, listener: GroupListener): Promise<void>;
  groupDiscard(group: string, listener: GroupListener): Promise<void>;
  /** Delivers to every listener of the group, in this process and (for a shared layer) every other. */
  groupSend(group: string, message: JsonObject): Promise<void>;
  /** As `groupSend`, with the group's next number, and kept in the group's window for sockets that come back. */
  groupSendKept(group: string, message: JsonObject): Promise<void>;
  /** What the group sent after message `after` of history `epoch` (see GroupHistory). */
  groupHistory(group: string, epoch: string, after: number): Promise<GroupHistory>;
  close(): Promise<void>;
}
