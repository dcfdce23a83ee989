// What a client is told when its message failed, and what the server's log keeps.
//
// Our own errors (LiveViewError: invalid content, session busy, permission denied...) are written for the client
// and say what to do: it sees them in every mode, except a store outage's, whose details are the operator's. Anything else is a bug whose text may
// carry what no client should read (SQL, file paths, secrets): in production the client gets an id to quote, and
// the log has that id with the stack. With DEBUG the client sees the text, to fix the bug faster.

import type { JsonObject } from "../json.ts";
import { isStoreUnavailable } from "../db/store-unavailable.ts";
import { LiveViewError } from "../errors.ts";
import type { Settings } from "../settings.ts";
import { newErrorId } from "./error-id.ts";

/** What a client is told in production when a store is down; DEBUG shows the store's own message. */
export const STORE_UNAVAILABLE_TEXT = "the server cannot reach its storage right now, so nothing was changed; try again in a moment";

export interface Failure {
  /** The text for the client. */
  text: string;
  /** Extra fields of the reply: the error's code, or the id of its log line. */
  fields: JsonObject;
}

/** Logs `error` (`what` says where it happened, e.g. `handler "save" failed`) and says what the client may see. */
export function describeFailure(settings: Settings, error: unknown, what: string): Failure {
  if (isStoreUnavailable(error) && !settings.DEBUG) {
    // Written for the operator: it names hosts, ports and drivers, which the log keeps and no client needs.
    const id = newErrorId();
    console.error(`liveview: ${what} (error id ${id}): ${error.message}`);
    return { text: `${STORE_UNAVAILABLE_TEXT} (id ${id})`, fields: { code: error.code, error_id: id } };
  }
  if (error instanceof LiveViewError) {
    // One line: a store outage would otherwise print a stack per call; a schema mismatch is the client's, not ours.
    if (error.code !== "invalid_content") console.error(`liveview: ${what}: ${error.message}`);
    return { text: error.message, fields: { code: error.code } };
  }
  if (settings.DEBUG) {
    console.error(`liveview: ${what}`, error);
    return { text: error instanceof Error ? error.message : String(error), fields: {} };
  }
  const id = newErrorId();
  console.error(`liveview: ${what} (error id ${id})`, error);
  return { text: `internal error (id ${id})`, fields: { error_id: id } };
}
