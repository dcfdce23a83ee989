// The wire protocol's names and numbers, shared by the server and the browser client (which bundles this file):
// where the socket lives, how a page proves itself, the close codes, the built-in actions, the key-case rule.
// No Node imports here: it must run in a browser too.

/** Sockets connect to `<SOCKET_PATH><room>/`. */
export const SOCKET_PATH = "/ws/liveview/";
/** The socket URL's query parameter carrying the page's CSRF token, and the script tag's attribute holding it. */
export const SOCKET_TOKEN_PARAM = "csrf_token";
export const SOCKET_TOKEN_ATTR = "data-liveview-csrf-token";
/** Django's name for the hidden field (and the form value) holding the CSRF token. */
export const CSRF_FIELD = "csrfmiddlewaretoken";
/** Random bytes in a page's room id (hex in `<html data-room>`, like a `uuid4().hex`). */
export const ROOM_ID_BYTES = 16;

/** Close codes (RFC 6455): data of a type we do not accept (a binary frame); a limit of ours was broken. */
export const CLOSE_UNSUPPORTED_DATA = 1003;
export const CLOSE_POLICY_VIOLATION = 1008;
/** The session of the socket ended (logout, flush): the page is stale, and the client reloads it. */
export const CLOSE_SESSION_ENDED = 4001;
/** The server is restarting (RFC 6455's 1012): reconnect now, another process takes the socket. */
export const CLOSE_SERVICE_RESTART = 1012;

/** The built-in handler of SPA navigation, and the element whose content it replaces: a page's one `<main>`. */
export const NAVIGATE_FUNCTION = "navigate";
export const NAVIGATE_TARGET = "main";

/** Built-in `action` messages from the server. */
export const ACTION_RESTORE_FORM = "restore_form";
export const ACTION_REDIRECT = "redirect";
export const ACTION_CSRF_TOKEN = "csrf_token";
/**
 * Replay of group messages: each message a socket gets from a group carries `group_seq: [group, history, n]`; a
 * reconnecting client names, per group, the last it saw in the socket URL's `resume` parameter (JSON
 * `{"<group>": ["<history>", n]}`). What the group's window no longer holds is answered with the `resync` action.
 */
export const GROUP_SEQ_KEY = "group_seq";
export const RESUME_PARAM = "resume";
export const ACTION_RESYNC = "resync";
/** Presence: a topic's joins and leaves, sent to its tracked sockets that gave no handler of their own. */
export const ACTION_PRESENCE_DIFF = "presence_diff";
/**
 * The key of an acknowledgement, sent once a call with an `id` has finished: a frame of its own, `{"ack": <message id>}`,
 * or the last key of the call's last message, `{"target": ..., "html": ..., "ack": <message id>}`, applied first.
 */
export const ACK_KEY = "ack";
/**
 * On the ack of a call the session already holds a receipt for (`{"ack": id, "replayed": true}`): it ran on an
 * earlier socket, whose replies may have been lost with it, so the page renders again what depends on the session.
 */
export const ACK_REPLAYED_KEY = "replayed";

/** Distinct keys whose snake_case form is remembered (beyond it, converted each time). */
const SNAKE_CASE_MEMO = 10_000;
const snakeCase = new Map<string, string>();

/**
 * The key-case rule: the server converts every key of a message from camelCase to snake_case before dispatch, as
 * django-liveview does (`dataUrl` → `data_url`, `userID` → `user_id`, `HTMLParser` → `html_parser`). The client
 * applies the same rule when it matches a field name against keys the server sent back.
 */
export function camelToSnake(key: string): string {
  let snake = snakeCase.get(key);
  if (snake === undefined) {
    snake = key
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
      .toLowerCase();
    if (snakeCase.size < SNAKE_CASE_MEMO) snakeCase.set(key, snake);
  }
  return snake;
}

/** The built-in drafts of forms marked `data-liveview-draft`: their handlers, the actions they answer with, and the
 * largest draft (JSON bytes of its fields) the server keeps, well under the frame limit. */
export const SAVE_DRAFT_FUNCTION = "liveview_save_draft";
export const LOAD_DRAFT_FUNCTION = "liveview_load_draft";
export const CLEAR_DRAFT_FUNCTION = "liveview_clear_draft";
export const DRAFT_SAVED_ACTION = "draft_saved";
export const DRAFT_RESTORE_ACTION = "draft_restore";
export const DRAFTS_CHANGED_ACTION = "drafts_changed";
export const MAX_DRAFT_BYTES = 256 * 1024;

/** FNV-1a offsets of the session tag's two 32-bit halves, and the FNV prime. */
const FNV_OFFSETS = [0x811c9dc5, 0x050c5d1f];
const FNV_PRIME = 0x01000193;
const HEX_RADIX = 16;
const HALF_WIDTH = 8;

/**
 * A session's public tag, from its CSRF secret: the server derives it from the session, the browser from its page's
 * token. It names the browser's outbox, so calls kept for one session are never replayed into another (a login or
 * logout changes the secret). Not a secret and not a MAC: it only has to differ between sessions.
 */
export function tagOfSecret(secret: ArrayLike<number>): string {
  return FNV_OFFSETS.map((offset) => {
    let h = offset;
    for (let i = 0; i < secret.length; i++) h = Math.imul(h ^ secret[i]!, FNV_PRIME) >>> 0;
    return h.toString(HEX_RADIX).padStart(HALF_WIDTH, "0");
  }).join("");
}

// Uploads (docs/guide/uploads.md): the calls a page makes over the socket to start or resume an upload, the
// actions that answer them, and the HTTP side of the transfer (chunks go by HTTP, not as socket frames).
export const UPLOAD_ALLOW_FUNCTION = "liveview_upload_allow";
export const UPLOAD_RESUME_FUNCTION = "liveview_upload_resume";
export const UPLOAD_ALLOWED_ACTION = "upload_allowed";
export const UPLOAD_RESUMED_ACTION = "upload_resumed";
export const UPLOAD_ERROR_ACTION = "upload_error";
/** The request header carrying an upload's signed token, the response header with the bytes the server holds, and
 * the chunk request's query parameter saying where its bytes start. */
export const UPLOAD_TOKEN_HEADER = "x-upload-token";
export const UPLOAD_OFFSET_HEADER = "upload-offset";
export const UPLOAD_OFFSET_PARAM = "offset";
