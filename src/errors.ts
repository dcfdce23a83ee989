// Errors with a stable code, so callers and clients can tell failures apart.

export type ErrorCode =
  | "bad_frame"
  | "bad_message"
  | "unknown_function"
  | "invalid_content"
  | "handler_error"
  | "not_json_serialisable"
  | "store_unavailable"
  | "session_busy"
  | "bad_setting"
  | "csrf_failed"
  | "read_only_session"
  | "session_interrupted"
  | "permission_denied"
  | "too_deep"
  | "rate_limited"
  // forms (issue 13)
  | "duplicate_submit"
  | "form_submitted"
  | "draft_too_large"
  | "outbox_wrong_session";

export class LiveViewError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LiveViewError";
    this.code = code;
  }
}
