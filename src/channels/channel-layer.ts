// The seam for groups: sockets join named groups; a message sent to a group reaches every member, in any process.

import type { JsonObject } from "../json.ts";

export type GroupListener = (message: JsonObject) => void;

export interface ChannelLayer {
  /** Starts delivering the group's messages to `listener`; resolves once delivery is set up. */
  groupAdd(group: string, listener: GroupListener): Promise<void>;
  groupDiscard(group: string, listener: GroupListener): Promise<void>;
  /** Delivers to every listener of the group, in this process and (for a shared layer) every other. */
  groupSend(group: string, message: JsonObject): Promise<void>;
  close(): Promise<void>;
}
