// send(): to the socket itself, to every socket (broadcast), to a room or to a named group.

import { BROADCAST_GROUP } from "../../constants.ts";
import type { JsonObject } from "../../json.ts";
import type { Consumer } from "../connection/consumer.ts";
import { flatString } from "../connection/flat-string.ts";

export interface SendOptions {
  broadcast?: boolean;
  /** A room id: every socket of `room_<id>`. */
  room?: string;
  group?: string;
}

/** The envelope a group carries for a message meant for the browser. */
export const SEND_TYPE = "liveview.send";

/** Flat: every socket holds its room's group name for as long as it is open. */
export function roomGroup(room: string): string {
  return flatString(`room_${room}`);
}

export async function send(consumer: Consumer, message: JsonObject, options: SendOptions = {}): Promise<void> {
  const group = options.broadcast ? BROADCAST_GROUP : options.room ? roomGroup(options.room) : options.group;
  if (group === undefined) return consumer.sendJson(message);
  // Kept: a socket away for a moment gets it when it comes back (see live/replay/).
  await consumer.runtime.channels.groupSendKept(group, { type: SEND_TYPE, message });
}
