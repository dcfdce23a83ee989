// What an HTTP request gets when its view or its session failed: a store that is down, a session that ended under
// the view, or a bug. Details reach the browser only with DEBUG; the log always has them.

import { isStoreUnavailable } from "../db/store-unavailable.ts";
import { sessionCookie } from "../session/cookie.ts";
import { isSessionInterrupted } from "../session/session-interrupted.ts";
import type { Settings } from "../settings.ts";
import { text, type HttpResponse } from "./response.ts";

/** What a request gets (503) when the session store cannot be used: it was not served, rather than served without its session. */
const STORE_UNAVAILABLE_TEXT = "Service unavailable: the session store cannot be read or written right now. Try again in a moment.";
/** Seconds a client is told to wait before trying again (stores reconnect, or are retried, within about a second). */
const STORE_RETRY_AFTER_SECONDS = 1;

export function errorResponse(error: unknown, settings: Settings): HttpResponse {
  if (isStoreUnavailable(error)) {
    // Fail closed and say so: the request was not served at all, not served without its session. The message
    // names hosts and paths, so the browser gets it only with DEBUG; the log always has it, in one line.
    console.error(`liveview: request failed: ${error.message}`);
    const detail = settings.DEBUG ? `\n\n${error.message}` : "";
    const response = text(`${STORE_UNAVAILABLE_TEXT}${detail}`, 503);
    response.headers["Retry-After"] = String(STORE_RETRY_AFTER_SECONDS);
    return response;
  }
  if (isSessionInterrupted(error)) {
    // The session ended during the view (logout elsewhere, expiry): say so (Django answers 400 too), and drop the
    // cookie that names it.
    const response = text(`Bad request: ${(error as Error).message}.`, 400);
    response.headers["Set-Cookie"] = sessionCookie(null, settings);
    return response;
  }
  console.error("liveview: view failed", error);
  const detail = settings.DEBUG && error instanceof Error ? `\n\n${error.stack}` : "";
  return text(`Internal server error${detail}`, 500);
}
