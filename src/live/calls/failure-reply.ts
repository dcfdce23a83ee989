// What a client is told when its message failed, and what the server's log keeps.
//
// Our own errors (LiveViewError: invalid content, session busy, permission denied...) are written for the client
// and say what to do: it sees them in every mode, except those whose text is the operator's (a store outage's names
// hosts and drivers: the error table gives the text a client sees instead). Anything else is a bug whose text may
// carry what no client should read (SQL, file paths, secrets): in production the client gets an id to quote, and
// the log has that id with the stack. With DEBUG the client sees the text, to fix the bug faster.

import { randomBytes } from "node:crypto";
import { ERROR_ID_BYTES } from "../../constants.ts";
import { errorKind, LiveViewError } from "../../errors.ts";
import type { JsonObject } from "../../json.ts";
import type { Logger } from "../../logger.ts";
import type { Settings } from "../../settings.ts";

export interface Failure {
  /** The text for the client. */
  text: string;
  /** Extra fields of the reply: the error's code, or the id of its log line. */
  fields: JsonObject;
}

/** The id that ties an error reply the client saw to the server's log line with the details. */
function newErrorId(): string {
  return randomBytes(ERROR_ID_BYTES).toString("hex");
}

/** Logs `error` (`what` says where it happened, e.g. `handler "save" failed`) and says what the client may see. */
export function describeFailure(settings: Settings, logger: Logger, error: unknown, what: string): Failure {
  if (error instanceof LiveViewError) {
    const kind = errorKind(error.code);
    if (kind.publicText !== undefined && !settings.DEBUG) {
      const id = newErrorId();
      logger.error(`liveview: ${what} (error id ${id}): ${error.message}`);
      return { text: `${kind.publicText} (id ${id})`, fields: { code: error.code, error_id: id } };
    }
    // One line: a store outage would otherwise print a stack per call.
    if (!kind.quiet) logger.error(`liveview: ${what}: ${error.message}`);
    return { text: error.message, fields: { code: error.code } };
  }
  if (settings.DEBUG) {
    logger.error(`liveview: ${what}`, error);
    return { text: error instanceof Error ? error.message : String(error), fields: {} };
  }
  const id = newErrorId();
  logger.error(`liveview: ${what} (error id ${id})`, error);
  return { text: `internal error (id ${id})`, fields: { error_id: id } };
}
