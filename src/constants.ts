// The server side's limits, defaults and timings, named. (Names the browser client shares are in protocol.ts.)

export const TWO_WEEKS_SECONDS = 60 * 60 * 24 * 14;
/** Largest WebSocket frame a client may send before the socket is closed with 1009. */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
// What one socket may send and how long it may linger (defaults of the LIVEVIEW_* settings of the same names).
/** Frames one message may be split into; browsers send one. ws closes with 1008 past it. */
export const DEFAULT_MAX_FRAGMENTS = 256;
/** Network chunks of an incomplete frame held at once: a frame dribbled a byte at a time is refused (1008). */
export const DEFAULT_MAX_BUFFERED_CHUNKS = 4096;
/** Nesting of arrays and objects in one message; our messages use four or five levels. */
export const DEFAULT_MAX_JSON_DEPTH = 32;
/** Messages a socket may send per second, sustained, and at once after a quiet spell (a token bucket). */
export const DEFAULT_EVENTS_PER_SECOND = 20;
export const DEFAULT_EVENTS_BURST = 100;
/** Bytes waiting to be sent to one socket before it counts as a reader too slow to keep (closed with 1008). */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** The server pings every socket this often, and cuts one that has not answered within the timeout. */
export const DEFAULT_PING_INTERVAL_MS = 30_000;
export const DEFAULT_PING_TIMEOUT_MS = 10_000;
/** A refused upgrade's connection is cut this long after its answer at the latest, even if the peer never reads it. */
export const REFUSED_UPGRADE_CLOSE_MS = 1000;
/** A slow reader's close frame waits behind its unread data this long before the connection is cut. */
export const SLOW_READER_CLOSE_MS = 1000;
/** Random bytes of the id that ties a production error reply to its log line. */
export const ERROR_ID_BYTES = 4;
/** Characters of an unknown function's name repeated back to the client. */
export const ECHOED_NAME_CHARS = 100;
/** Bytes of randomness in a session key (192 bits; the floor is 128). */
export const SESSION_KEY_BYTES = 24;
/** Session keys whose group name is remembered rather than hashed again. */
export const SESSION_GROUPS_MEMO = 10_000;
/** Sessions the in-memory engine keeps before evicting the least recently used. */
export const DEFAULT_MEMORY_SESSIONS = 10_000;
// HTTP connections of the server the app runs itself (App.listen): a slow client (slowloris) holds one only briefly.
/** All of a request's headers must arrive within this; past it, 408 and the connection closed. */
export const DEFAULT_HTTP_HEADERS_TIMEOUT_MS = 10_000;
/** The whole request, body included (at most MAX_BODY_BYTES), must arrive within this. */
export const DEFAULT_HTTP_REQUEST_TIMEOUT_MS = 30_000;
/** An idle keep-alive connection is closed after this. */
export const DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** How often node:http checks the two timeouts above (its default, 30 s, would let a slow client stay 4 times longer). */
export const HTTP_TIMEOUT_CHECK_MS = 1000;
/** Largest request body an HTTP view accepts. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 8000;
export const STATIC_URL = "/static/";
export const CLIENT_BUNDLE_URL = "/static/liveview/liveview.js";
/** A socket re-renders for other tabs' session changes at most this often (the first change reacts at once). */
export const REACTION_INTERVAL_MS = 100;
export const BROADCAST_GROUP = "broadcast";
export const AUTH_USER_KEY = "_auth_user_id";
export const CSRF_SESSION_KEY = "_csrftoken";
/** Bytes of the per-session CSRF secret (pages carry it masked: twice as many bytes, base64url). */
export const CSRF_SECRET_BYTES = 24;

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
/**
 * How long a SQLite write waits for another connection's write lock before failing with store_unavailable. The
 * wait blocks the whole process (the driver is synchronous), so it is short; while the lock stays taken, later
 * writes fail at once instead of waiting again (see db/sqlite-outage.ts).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 1000;
/**
 * A worker thread copies SQLite's log into the database file after this many commits (see
 * db/background-checkpoints.ts), and rests this long between two copies: the commit that would have done it on the
 * event loop, with two syncs of the disk, finds it done.
 */
export const CHECKPOINT_COMMITS = 100;
export const CHECKPOINT_PAUSE_MS = 100;
/** A session lock held by a process that died is free again after this long; a live holder renews it. */
export const SESSION_LOCK_LEASE_MS = 10_000;
/**
 * How long Redis keeps a session's last fencing token (see session/fence.ts). Losing it is harmless (tokens also
 * follow the clock); keeping it saves nothing but a key per active session.
 */
export const SESSION_FENCE_KEPT_MS = 24 * 60 * 60 * 1000;
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
/** Random bytes drawn from the system at a time for room ids and CSRF masks (see session/random-pool.ts). */
export const RANDOM_POOL_BYTES = 4096;
/** Random bytes in a socket's id (16 characters): unique across processes without coordination. */
export const CONSUMER_ID_BYTES = 12;
/** Language answers remembered (the language each message names, against those available); beyond it, worked out each time. */
export const LANGUAGE_ANSWERS_KEPT = 1_000;
/**
 * Sessions this process saved last, kept whole in memory (SQLite with in-process locks): the next handler on one of
 * them skips the read and the parse while nobody else wrote it. Beyond this many, the least recently used go.
 */
export const SESSION_COPIES_KEPT = 10_000;
/**
 * A save leaves a session's stored expiry alone while it is this close to the one the save asks for (and within a
 * hundredth of the session's age): the expiry is indexed, and moving the row in the index on every save doubled the
 * cost of a commit. A session may so end up to a minute before SESSION_COOKIE_AGE after its last save.
 */
export const EXPIRY_STEP_MS = 60_000;
/** A cached session whose database write began stays unservable this long if its cache update never comes. */
export const CACHE_PENDING_MS = 60_000;

// Forms: drafts, the submit guard.
/** The seed guide's session key for form drafts: `{ [formId]: { data, timestamp } }`; the built-in drafts use it too. */
export const FORM_DRAFTS_KEY = "form_drafts";
/** Session key listing the forms submitted per page, so a late autosave or a second click of that page is refused. */
export const SUBMITTED_FORMS_KEY = "_liveview_submitted";
/** Submitted (page, form) pairs remembered; a page's late calls arrive within seconds, so a few dozen suffice. */
export const SUBMITTED_FORMS_KEPT = 32;
/**
 * How long after a submit a page's late autosave or repeated submit of that form is refused. A call that left before
 * the submit arrives within its debounce and a round trip; after this, the form on that page saves drafts again
 * (a "discard draft" button followed by more typing).
 */
export const SUBMITTED_LATE_MS = 10_000;
/** A form id: a letter, then up to 63 letters, digits, `_` or `-` (it becomes a key of the drafts object). */
export const FORM_ID_PATTERN = /^[A-Za-z][\w-]{0,63}$/;
/** Built-in draft forms kept per session; saving one more drops the oldest. */
export const MAX_DRAFT_FORMS = 50;

// Uploads (src/uploads/, docs/guide/uploads.md).
/** Bytes of one chunk request: what the client sends at once, and the most a chunk request may carry. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** Default folder of uploads, inside the data folder: `tmp/` for transfers under way, `files/` for finished ones. */
export const DEFAULT_UPLOAD_ROOT = "./data/uploads";
/** The URL prefix of the chunk endpoint: `PUT|HEAD|DELETE <prefix><upload id>`. */
export const UPLOAD_URL = "/liveview/uploads/";
/** Uploads under way at once, per socket and per session (in this process). */
export const DEFAULT_UPLOADS_PER_SOCKET = 4;
export const DEFAULT_UPLOADS_PER_SESSION = 8;
/** An upload untouched this long (unfinished, or finished and never taken by a handler) is deleted. */
export const DEFAULT_UPLOAD_EXPIRY_MS = 60 * 60 * 1000;
/** A chunk request that sends no byte for this long is cut (its bytes so far are kept: the client resumes). */
export const DEFAULT_UPLOAD_IDLE_MS = 30_000;
/** How often expired uploads are looked for. */
export const UPLOAD_SWEEP_INTERVAL_MS = 60_000;
/** Random bytes of an upload id (hex in URLs and file names) and of a stored file's generated name. */
export const UPLOAD_ID_BYTES = 16;
/** Bytes of the secret that signs upload tokens, kept in the upload folder so tokens outlive a restart. */
export const UPLOAD_SECRET_BYTES = 32;
/** Longest original file name accepted, in characters (most file systems allow 255 bytes). */
export const MAX_UPLOAD_NAME_CHARS = 255;
/** Bytes read from a file's start to recognise its type. */
export const SNIFF_BYTES = 512;
/** Files one upload name accepts at once, and the largest file, unless its rule says otherwise. */
export const DEFAULT_UPLOAD_MAX_FILES = 1;
export const DEFAULT_UPLOAD_MAX_BYTES = 8 * 1024 * 1024;
/** An upload's token is accepted this long after it was issued (the upload itself also expires when left idle). */
export const UPLOAD_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
// Replay of missed group messages (channels/replay-window.ts, channels/redis-history.ts).
/** Messages each group keeps for sockets that reconnect (the LIVEVIEW_REPLAY_WINDOW default). */
export const DEFAULT_REPLAY_WINDOW = 256;
/** A group's kept messages are forgotten this long after its last message (then a returning socket resyncs). */
export const REPLAY_KEPT_MS = 5 * 60_000;
/** Groups whose window the in-process layer keeps; beyond this many, the least recently used is dropped. */
export const REPLAY_GROUPS_KEPT = 10_000;
/** Random bytes of a history's id (a group's numbering that began again gets a new one). */
export const REPLAY_EPOCH_BYTES = 4;
/** Groups a reconnecting client may name in its `resume` parameter, and the longest group name it may use. */
export const RESUME_GROUPS_MAX = 16;
export const RESUME_GROUP_CHARS = 200;

// Presence (live/presence/).
/** An entry of a process that stopped renewing its heartbeat is removed this long after its last one, at most. */
export const DEFAULT_PRESENCE_TIMEOUT_MS = 15_000;
/** Heartbeats and the sweep for dead processes run this many times per timeout. */
export const PRESENCE_BEATS_PER_TIMEOUT = 3;

// Drain for deploys (server/drain.ts).
/** Sockets are asked to reconnect at random moments over this long (LIVEVIEW_DRAIN_SPREAD_MS). */
export const DEFAULT_DRAIN_SPREAD_MS = 5_000;
/** The longest a draining socket's running handler and commits are awaited before it is closed anyway. */
export const DRAIN_SETTLE_MAX_MS = 15_000;
/** How long a drained socket's close is awaited (the close frame must reach the client) before it is cut. */
export const DRAIN_CLOSE_WAIT_MS = 2_000;
/** The test kit: how long `page.idle()` waits for the client to settle before it fails, and how often it looks. */
export const TEST_IDLE_TIMEOUT_MS = 10_000;
export const TEST_IDLE_POLL_MS = 5;
/** The fault proxy: how long a frame picked for reordering waits for the next one before it goes anyway. */
export const PROXY_REORDER_HOLD_MS = 100;
/** The test kit's server processes: how long one may take to accept connections, and how often that is tried. */
export const TEST_PROCESS_START_MS = 20_000;
export const TEST_PROCESS_PROBE_MS = 20;
