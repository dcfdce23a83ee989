// What an HTTP request gets when its view or its session failed: a store that is down, a session that ended under
// the view, or a bug. The status and the public text come from the error table; details reach the browser only
// with DEBUG, and the log always has them.

import { errorKind, isSessionInterrupted, isStoreUnavailable, LiveViewError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { sessionCookie } from "../session/cookie.ts";
import type { Settings } from "../settings.ts";
import { text, type HttpResponse } from "./response.ts";

/** Seconds a client is told to wait before trying again (stores reconnect, or are retried, within about a second). */
const STORE_RETRY_AFTER_SECONDS = 1;

export function errorResponse(error: unknown, settings: Settings, logger: Logger): HttpResponse {
  if (isStoreUnavailable(error)) {
    // Fail closed and say so: the request was not served at all, not served without its session. The message
    // names hosts and paths, so the browser gets it only with DEBUG; the log always has it, in one line.
    logger.error(`liveview: request failed: ${error.message}`);
    const kind = errorKind(error.code);
    const detail = settings.DEBUG ? `\n\n${error.message}` : "";
    const response = text(`Service unavailable: ${kind.publicText}.${detail}`, kind.status);
    response.headers["Retry-After"] = String(STORE_RETRY_AFTER_SECONDS);
    return response;
  }
  if (isSessionInterrupted(error)) {
    // The session ended during the view (logout elsewhere, expiry): say so (Django answers 400 too), and drop the
    // cookie that names it.
    const response = text(`Bad request: ${error.message}.`, errorKind(error.code).status);
    response.headers["Set-Cookie"] = sessionCookie(null, settings);
    return response;
  }
  if (error instanceof LiveViewError) {
    // Our own errors are written for the reader, as on the socket: the status is the code's. A client's own
    // mistake (a quiet code) is answered, not logged.
    if (!errorKind(error.code).quiet) logger.error(`liveview: view failed: ${error.message}`);
    return text(`Request failed: ${error.message}`, errorKind(error.code).status);
  }
  logger.error("liveview: view failed", error);
  const detail = settings.DEBUG && error instanceof Error ? `\n\n${error.stack}` : "";
  return text(`Internal server error${detail}`, 500);
}
