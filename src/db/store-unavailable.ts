// The one error every store raises when its service cannot be used (Redis, PostgreSQL, SQLite): `store_unavailable`,
// naming the service, what went wrong, and what to check. Callers map it alike: a handler's reply, an HTTP 503.

import { LiveViewError } from "../errors.ts";

/** `<service> is unavailable (<cause>)<consequence>. <advice>` */
export function storeUnavailable(service: string, cause: unknown, advice: string, consequence = ""): LiveViewError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new LiveViewError("store_unavailable", `${service} is unavailable (${detail})${consequence}. ${advice}`, { cause });
}

export function isStoreUnavailable(error: unknown): error is LiveViewError {
  return error instanceof LiveViewError && error.code === "store_unavailable";
}
