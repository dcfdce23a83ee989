// Every error of ours in one table: its stable code, the HTTP status it becomes, and what a user is told when its
// own text is for the operator. The socket path (live/calls/failure-reply.ts) and the HTTP path
// (server/error-response.ts) both read it, so a code means the same on either.

interface ErrorKind {
  /** The HTTP status a request failing with this code gets. */
  status: number;
  /** Set when the error's own text names hosts, paths or drivers: what a client is told instead, unless DEBUG. */
  publicText?: string;
  /** The client's own mistake, answered but not logged (a schema mismatch is not the server's problem). */
  quiet?: boolean;
}

export const ERRORS = {
  bad_frame: { status: 400 },
  /** A malformed URL, path escape or body: answered, not logged. */
  bad_request: { status: 400, quiet: true },
  bad_message: { status: 400 },
  unknown_function: { status: 404 },
  invalid_content: { status: 400, quiet: true },
  not_json_serialisable: { status: 500 },
  store_unavailable: {
    status: 503,
    publicText: "the server cannot reach its storage right now, so nothing was changed; try again in a moment",
  },
  session_busy: { status: 503 },
  bad_setting: { status: 500 },
  read_only_session: { status: 500 },
  session_interrupted: { status: 400 },
  permission_denied: { status: 403 },
  too_deep: { status: 400 },
  rate_limited: { status: 429 },
  lock_lost: { status: 503 },
  // Forms: a submit applied twice, an autosave after its form's submit, a draft past its limit, a call kept in the
  // browser's outbox for another session. Each is the expected answer to a late or stale call, not a fault.
  duplicate_submit: { status: 409, quiet: true },
  form_submitted: { status: 409, quiet: true },
  draft_too_large: { status: 413, quiet: true },
  outbox_wrong_session: { status: 403, quiet: true },
  // Uploads (src/uploads/): each a refusal of what the client sent, answered with its reason, the socket kept open.
  unknown_upload: { status: 404, quiet: true },
  upload_too_large: { status: 413, quiet: true },
  upload_too_many: { status: 409, quiet: true },
  upload_type: { status: 415, quiet: true },
  upload_name: { status: 400, quiet: true },
  upload_offset: { status: 409, quiet: true },
  upload_forbidden: { status: 403, quiet: true },
  upload_not_found: { status: 404, quiet: true },
  upload_busy: { status: 429, quiet: true },
  upload_failed: { status: 500 },
  /** A part of the package that needs an optional package (the test kit's DOM) when that package is not installed. */
  missing_package: { status: 500 },
} satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERRORS;

export function errorKind(code: ErrorCode): ErrorKind {
  return ERRORS[code];
}

export class LiveViewError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LiveViewError";
    this.code = code;
  }
}

export function hasCode(error: unknown, code: ErrorCode): error is LiveViewError {
  return error instanceof LiveViewError && error.code === code;
}

/**
 * The one error every store raises when its service cannot be used (Redis, PostgreSQL, SQLite), in the form
 * `<service> is unavailable (<cause>)<consequence>. <advice>`: callers map it alike, a handler's reply or an HTTP 503.
 */
export function storeUnavailable(service: string, cause: unknown, advice: string, consequence = ""): LiveViewError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new LiveViewError("store_unavailable", `${service} is unavailable (${detail})${consequence}. ${advice}`, {
    cause,
  });
}

export const isStoreUnavailable = (error: unknown): error is LiveViewError => hasCode(error, "store_unavailable");

/**
 * A save to a session that ended while its handler or view ran (Django's SessionInterrupted). A writer that loaded
 * a session must not bring it back once it is gone: the row was deleted by a logout (in another process, or before
 * this lock was taken) or by clearsessions, or it expired. Re-creating it would undo the logout, so the save fails
 * and nothing is written.
 */
export function sessionInterrupted(): LiveViewError {
  return new LiveViewError(
    "session_interrupted",
    "the session ended while this was running (signed out elsewhere, or expired), so its changes were not saved; reload the page to start a new session",
  );
}

export const isSessionInterrupted = (error: unknown): error is LiveViewError => hasCode(error, "session_interrupted");

/**
 * A save under a session lock that lapsed: the handler stalled past the lock's lease, another holder took the
 * session meanwhile, and the store already holds that one's newer fencing token (see session/fence.ts).
 */
export function lockLost(): LiveViewError {
  return new LiveViewError(
    "lock_lost",
    "this call held the session longer than its lock's lease while another took it over, so its changes were not saved; try again",
  );
}

/** A handler waited for its session's lock (held by another process) longer than it may. */
export function sessionBusy(waitMs: number): LiveViewError {
  return new LiveViewError("session_busy", `the session is busy: its lock was not free for ${waitMs} ms; try again`);
}
