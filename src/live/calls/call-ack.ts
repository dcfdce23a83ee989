// The ack that ends a call, marked when the call was a replay the session had already applied; a frame of its own, or
// a key spliced into the call's last message (Consumer.ack).

import type { JsonObject } from "../../json.ts";
import { ACK_KEY, ACK_REPLAYED_KEY } from "../../protocol.ts";

/**
 * A replay is only acknowledged, never run again, and its replies went out on an earlier socket that may have lost
 * them. Keeping those replies to send again would hold HTML in memory for every call, be gone after a restart or on
 * another process, and could show older content than the session holds now; so the ack says "replayed" instead,
 * and the client renders the page again from the session as it is.
 */
export function callAck(id: string | number, replayed: boolean): JsonObject {
  return replayed ? { [ACK_KEY]: id, [ACK_REPLAYED_KEY]: true } : { [ACK_KEY]: id };
}

/**
 * `message` (a serialised JSON object) with the ack frame `ack` (`{"ack":<id>}`) as its last key, spliced into the
 * text: the message is not parsed or serialised again.
 */
export function mergedAck(message: string, ack: string): string {
  // `{}` has no key to follow; every other object ends in `}` after its last value.
  return message.length === 2 ? ack : `${message.slice(0, -1)},${ack.slice(1)}`;
}
