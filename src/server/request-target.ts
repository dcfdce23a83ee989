// Reading a request's target (its URL) and the percent escapes in its path without ever throwing a TypeError or a
// URIError: a malformed one is the client's mistake, answered 400 with what is wrong, never a 500.

import { LiveViewError } from "../errors.ts";

/** Any http origin: only the path and the query of a request target are used. */
const BASE = "http://localhost";

export function badRequest(message: string): LiveViewError {
  return new LiveViewError("bad_request", message);
}

/** The request target as a URL; a malformed one (`//[`, `http://[`) is a bad_request error. */
export function requestUrl(raw: string | undefined): URL {
  try {
    return new URL(raw ?? "/", BASE);
  } catch {
    throw badRequest("the request's URL is malformed");
  }
}

/** A percent-encoded part of a path, decoded; a malformed escape (`%E0%A4%A`) is a bad_request error. */
export function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw badRequest("the URL's path has a malformed percent escape");
  }
}
