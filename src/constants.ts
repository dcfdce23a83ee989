// Every limit, default and timing of the server side, named in one place.

export const TWO_WEEKS_SECONDS = 60 * 60 * 24 * 14;
/** Largest WebSocket frame a client may send before the socket is closed with 1009. */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
/** Bytes of randomness in a session key (192 bits; the floor is 128). */
export const SESSION_KEY_BYTES = 24;
/** Sessions the in-memory engine keeps before evicting the least recently used. */
export const DEFAULT_MEMORY_SESSIONS = 10_000;
/** Largest request body an HTTP view accepts. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 8000;
export const WS_PATH_PREFIX = "/ws/liveview/";
export const STATIC_URL = "/static/";
export const CLIENT_BUNDLE_URL = "/static/liveview/liveview.js";
/** Close code sent to sockets whose session ended (logout, flush): the client reconnects with its new cookie. */
export const CLOSE_SESSION_ENDED = 4001;
export const CLOSE_MESSAGE_TOO_BIG = 1009;
export const CLOSE_GOING_AWAY = 1001;
export const BROADCAST_GROUP = "broadcast";
export const AUTH_USER_KEY = "_auth_user_id";
export const CSRF_SESSION_KEY = "_csrftoken";
export const CSRF_FIELD = "csrfmiddlewaretoken";
