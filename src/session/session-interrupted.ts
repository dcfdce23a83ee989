// The error of a save to a session that ended while its handler or view ran (Django's SessionInterrupted).

import { LiveViewError } from "../errors.ts";

/**
 * A writer that loaded a session must not bring it back once it is gone: the row was deleted by a logout (in
 * another process, or before this lock was taken) or by clearsessions, or it expired. Re-creating it would undo
 * the logout, so the save fails and nothing is written.
 */
export function sessionInterrupted(): LiveViewError {
  return new LiveViewError(
    "session_interrupted",
    "the session ended while this was running (signed out elsewhere, or expired), so its changes were not saved; reload the page to start a new session",
  );
}

export function isSessionInterrupted(error: unknown): boolean {
  return error instanceof LiveViewError && error.code === "session_interrupted";
}
