// Every limit, default and timing of the server side, named in one place.

export const TWO_WEEKS_SECONDS = 60 * 60 * 24 * 14;
/** Largest WebSocket frame a client may send before the socket is closed with 1009. */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
/** Bytes of randomness in a session key (192 bits; the floor is 128). */
export const SESSION_KEY_BYTES = 24;
/** Bytes of randomness in a page's room id (hex in <html data-room>). */
export const ROOM_ID_BYTES = 16;
/** Session keys whose group name is remembered rather than hashed again. */
export const SESSION_GROUPS_MEMO = 10_000;
/** Distinct message keys whose snake_case form is remembered (beyond it, converted each time). */
export const SNAKE_CASE_MEMO = 10_000;
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
/** A socket re-renders for other tabs' session changes at most this often (the first change reacts at once). */
export const REACTION_INTERVAL_MS = 100;
export const BROADCAST_GROUP = "broadcast";
export const AUTH_USER_KEY = "_auth_user_id";
export const CSRF_SESSION_KEY = "_csrftoken";
export const CSRF_FIELD = "csrfmiddlewaretoken";

// Scale-out: Redis and PostgreSQL connections, the cross-process session lock.
export const DEFAULT_REDIS_PREFIX = "liveview:";
/** A Redis command that has not answered by then fails (the handler gets store_unavailable, not a hang). */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;
export const REDIS_CONNECT_TIMEOUT_MS = 2000;
/** How long a call waits for a (re)connecting Redis before failing. */
export const REDIS_READY_WAIT_MS = 500;
/** Longest pause between two reconnection attempts. */
export const REDIS_RETRY_MAX_MS = 1000;
export const PG_CONNECT_TIMEOUT_MS = 2000;
export const PG_QUERY_TIMEOUT_MS = 5000;
export const PG_POOL_SIZE = 10;
/** Idle PostgreSQL connections are closed after this long. */
export const PG_IDLE_MS = 10_000;
/** A session lock held by a process that died is free again after this long; a live holder renews it. */
export const SESSION_LOCK_LEASE_MS = 10_000;
/** A handler that waited this long for its session's lock fails with session_busy (longer than a lease). */
export const SESSION_LOCK_WAIT_MS = 15_000;
/** Polling bounds while waiting for a lock (a release also wakes the waiter at once). */
export const SESSION_LOCK_POLL_MIN_MS = 2;
export const SESSION_LOCK_POLL_MAX_MS = 100;
/** How long a process keeps its turn as next holder of a contended lock without claiming it. */
export const SESSION_LOCK_TURN_MS = 1000;
/** Session key holding the ids of the last messages that changed it: a replay after a reconnect is not applied twice. */
export const RECEIPTS_KEY = "_liveview_receipts";
export const RECEIPTS_KEPT = 32;
/** A cached session whose database write began stays unservable this long if its cache update never comes. */
export const CACHE_PENDING_MS = 60_000;
