// PostgreSQL's text and jsonb cannot hold U+0000 at all: a session value or key with one is refused up front, with a
// clear error, instead of failing in the driver (an internal error for what is the content's problem).

import { LiveViewError } from "../../errors.ts";
import type { SessionChanges } from "../session-store.ts";

const NUL = "\u0000";

function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes(NUL);
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === "object")
    return Object.entries(value).some(([k, v]) => k.includes(NUL) || holdsNul(v));
  return false;
}

/** Throws invalid_content when a changed or deleted key, or a value, holds U+0000; `json` is the changes' JSON text. */
export function refuseNul(changes: SessionChanges, json: string): void {
  // JSON.stringify writes U+0000 as \u0000: without that text there is nothing to look for.
  if (!json.includes("\\u0000") && !changes.deleted.some((k) => k.includes(NUL))) return;
  if (holdsNul(changes.set) || changes.deleted.some((k) => k.includes(NUL))) {
    throw new LiveViewError(
      "invalid_content",
      "a session value or key holds the character U+0000, which PostgreSQL cannot store; remove it first",
    );
  }
}
