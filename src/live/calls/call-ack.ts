// The ack that ends a call, marked when the call was a replay the session had already applied.

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
