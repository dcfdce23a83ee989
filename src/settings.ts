// Settings, with Django's names and defaults, read from options first and then the environment.

import { DEFAULT_MAX_FRAME_BYTES, DEFAULT_MEMORY_SESSIONS, TWO_WEEKS_SECONDS } from "./constants.ts";
import {
  DEFAULT_EVENTS_BURST,
  DEFAULT_EVENTS_PER_SECOND,
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_MAX_BUFFERED_CHUNKS,
  DEFAULT_MAX_FRAGMENTS,
  DEFAULT_MAX_JSON_DEPTH,
  DEFAULT_PING_INTERVAL_MS,
  DEFAULT_PING_TIMEOUT_MS,
  DEFAULT_HTTP_HEADERS_TIMEOUT_MS,
  DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_HTTP_REQUEST_TIMEOUT_MS,
  DEFAULT_DRAIN_SPREAD_MS,
  DEFAULT_PRESENCE_TIMEOUT_MS,
  DEFAULT_REPLAY_WINDOW,
} from "./constants.ts";
import {
  DEFAULT_UPLOAD_EXPIRY_MS,
  DEFAULT_UPLOAD_IDLE_MS,
  DEFAULT_UPLOAD_ROOT,
  DEFAULT_UPLOADS_PER_SESSION,
  DEFAULT_UPLOADS_PER_SOCKET,
} from "./constants.ts";
import { LiveViewError } from "./errors.ts";

export type SessionEngineName = "db" | "cache" | "cached_db";
/** SQLite's `synchronous` in WAL mode: NORMAL survives a killed process, FULL also a power loss (an fsync per commit). */
export const SQLITE_SYNCHRONOUS_MODES = ["NORMAL", "FULL"] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS_MODES)[number];

export interface Settings {
  SESSION_ENGINE: SessionEngineName;
  SESSION_COOKIE_AGE: number;
  SESSION_COOKIE_NAME: string;
  SESSION_COOKIE_HTTPONLY: boolean;
  SESSION_COOKIE_SAMESITE: "Lax" | "Strict" | "None";
  SESSION_COOKIE_SECURE: boolean;
  SESSION_EXPIRE_AT_BROWSER_CLOSE: boolean;
  SESSION_SAVE_EVERY_REQUEST: boolean;
  /** `sqlite:<path>` (default `sqlite:./data/db.sqlite3`) or `postgres://...`. */
  DATABASE_URL: string;
  /** How SQLite commits: `NORMAL` (durable across a crash of the process) or `FULL` (also across power loss). */
  SQLITE_SYNCHRONOUS: SqliteSynchronous;
  /** When set, groups and the session lock span processes through this Redis server, as do `cache` sessions. */
  REDIS_URL: string | null;
  ALLOWED_HOSTS: string[];
  /** Other sites' origins whose pages may open sockets: `https://app.example.com[:port]`, or `https://.example.com`. */
  CSRF_TRUSTED_ORIGINS: string[];
  /** A header a trusted proxy sets to `https` for TLS requests (e.g. `X-Forwarded-Proto`); unset: only direct TLS. */
  SECURE_PROXY_SSL_HEADER: string | null;
  /** Accept sockets without an Origin header (non-browser clients); browsers always send one. */
  LIVEVIEW_ALLOW_MISSING_ORIGIN: boolean;
  /** A socket gets its cookie's session only when it presents its page's CSRF token (off: the cookie alone). */
  LIVEVIEW_SOCKET_TOKEN_REQUIRED: boolean;
  /** Largest incoming WebSocket frame, in bytes; a larger one closes the socket with 1009. */
  MAX_FRAME_BYTES: number;
  /** Frames one incoming message may be split into; more close the socket with 1008. */
  LIVEVIEW_MAX_FRAGMENTS: number;
  /** Network chunks an incomplete incoming frame may arrive in; more close the socket with 1008. */
  LIVEVIEW_MAX_BUFFERED_CHUNKS: number;
  /** Nesting of arrays and objects in one message; deeper gets a `too_deep` error and runs nothing. */
  LIVEVIEW_MAX_JSON_DEPTH: number;
  /** Messages per second a socket may send, sustained; past it, a `rate_limited` error and nothing runs. */
  LIVEVIEW_EVENTS_PER_SECOND: number;
  /** Messages a socket may send at once; as many refused again (beyond the rate) close it with 1008. */
  LIVEVIEW_EVENTS_BURST: number;
  /** Bytes waiting to be sent to one socket; past it the socket is closed with 1008 (a reader too slow to keep). */
  LIVEVIEW_MAX_BUFFERED_BYTES: number;
  /** How often the server pings each socket. */
  LIVEVIEW_PING_INTERVAL_MS: number;
  /** A socket that has not answered a ping within this is cut (a half-open connection). */
  LIVEVIEW_PING_TIMEOUT_MS: number;
  /** HTTP (App.listen's server): a request's headers must arrive within this, or 408 and the connection closed. */
  LIVEVIEW_HTTP_HEADERS_TIMEOUT_MS: number;
  /** HTTP: a whole request, body included, must arrive within this, or 408. */
  LIVEVIEW_HTTP_REQUEST_TIMEOUT_MS: number;
  /** HTTP: an idle keep-alive connection is closed after this. */
  LIVEVIEW_HTTP_KEEP_ALIVE_TIMEOUT_MS: number;
  /** Whether a socket's pongs keep its session alive (at most one save per ping interval). */
  LIVEVIEW_HEARTBEAT_EXTENDS_SESSION: boolean;
  /** Messages each group keeps for sockets that come back; one that missed more is told to resync. */
  LIVEVIEW_REPLAY_WINDOW: number;
  /** Presence entries of a process that died are gone within this (plus a third of it). */
  LIVEVIEW_PRESENCE_TIMEOUT_MS: number;
  /** A draining process asks its sockets to reconnect at random moments over this long. */
  LIVEVIEW_DRAIN_SPREAD_MS: number;
  /** Entries the in-process session cache keeps (engines `cache` and `cached_db` without Redis). */
  SESSION_CACHE_SIZE: number;
  DEBUG: boolean;
  /** The language when neither the language cookie nor Accept-Language picks one with a catalog. */
  LANGUAGE_CODE: string;
  /** The cookie that holds a visitor's chosen language. */
  LANGUAGE_COOKIE_NAME: string;
  /** Directories of gettext catalogs: `<dir>/<lang>/LC_MESSAGES/*.po`. */
  LOCALE_PATHS: string[];
  /** Uploads: `tmp/` holds transfers under way, `files/` finished files under generated names (local store). */
  UPLOAD_ROOT: string;
  /** Uploads under way at once on one socket, and in one session (in this process); more are refused. */
  LIVEVIEW_UPLOADS_PER_SOCKET: number;
  LIVEVIEW_UPLOADS_PER_SESSION: number;
  /** An upload untouched this long, unfinished or never taken by a handler, is deleted. */
  LIVEVIEW_UPLOAD_EXPIRY_MS: number;
  /** A chunk request silent this long is cut; the bytes it brought are kept, and the client resumes. */
  LIVEVIEW_UPLOAD_IDLE_MS: number;
}

export const defaultSettings: Settings = {
  SESSION_ENGINE: "db",
  SESSION_COOKIE_AGE: TWO_WEEKS_SECONDS,
  SESSION_COOKIE_NAME: "sessionid",
  SESSION_COOKIE_HTTPONLY: true,
  SESSION_COOKIE_SAMESITE: "Lax",
  SESSION_COOKIE_SECURE: false,
  SESSION_EXPIRE_AT_BROWSER_CLOSE: false,
  SESSION_SAVE_EVERY_REQUEST: false,
  DATABASE_URL: "sqlite:./data/db.sqlite3",
  SQLITE_SYNCHRONOUS: "NORMAL",
  REDIS_URL: null,
  ALLOWED_HOSTS: ["127.0.0.1", "localhost"],
  CSRF_TRUSTED_ORIGINS: [],
  SECURE_PROXY_SSL_HEADER: null,
  LIVEVIEW_ALLOW_MISSING_ORIGIN: false,
  LIVEVIEW_SOCKET_TOKEN_REQUIRED: true,
  MAX_FRAME_BYTES: DEFAULT_MAX_FRAME_BYTES,
  LIVEVIEW_MAX_FRAGMENTS: DEFAULT_MAX_FRAGMENTS,
  LIVEVIEW_MAX_BUFFERED_CHUNKS: DEFAULT_MAX_BUFFERED_CHUNKS,
  LIVEVIEW_MAX_JSON_DEPTH: DEFAULT_MAX_JSON_DEPTH,
  LIVEVIEW_EVENTS_PER_SECOND: DEFAULT_EVENTS_PER_SECOND,
  LIVEVIEW_EVENTS_BURST: DEFAULT_EVENTS_BURST,
  LIVEVIEW_MAX_BUFFERED_BYTES: DEFAULT_MAX_BUFFERED_BYTES,
  LIVEVIEW_PING_INTERVAL_MS: DEFAULT_PING_INTERVAL_MS,
  LIVEVIEW_PING_TIMEOUT_MS: DEFAULT_PING_TIMEOUT_MS,
  LIVEVIEW_HTTP_HEADERS_TIMEOUT_MS: DEFAULT_HTTP_HEADERS_TIMEOUT_MS,
  LIVEVIEW_HTTP_REQUEST_TIMEOUT_MS: DEFAULT_HTTP_REQUEST_TIMEOUT_MS,
  LIVEVIEW_HTTP_KEEP_ALIVE_TIMEOUT_MS: DEFAULT_HTTP_KEEP_ALIVE_TIMEOUT_MS,
  LIVEVIEW_HEARTBEAT_EXTENDS_SESSION: false,
  LIVEVIEW_REPLAY_WINDOW: DEFAULT_REPLAY_WINDOW,
  LIVEVIEW_PRESENCE_TIMEOUT_MS: DEFAULT_PRESENCE_TIMEOUT_MS,
  LIVEVIEW_DRAIN_SPREAD_MS: DEFAULT_DRAIN_SPREAD_MS,
  SESSION_CACHE_SIZE: DEFAULT_MEMORY_SESSIONS,
  DEBUG: false,
  LANGUAGE_CODE: "en-us",
  LANGUAGE_COOKIE_NAME: "django_language",
  LOCALE_PATHS: [],
  UPLOAD_ROOT: DEFAULT_UPLOAD_ROOT,
  LIVEVIEW_UPLOADS_PER_SOCKET: DEFAULT_UPLOADS_PER_SOCKET,
  LIVEVIEW_UPLOADS_PER_SESSION: DEFAULT_UPLOADS_PER_SESSION,
  LIVEVIEW_UPLOAD_EXPIRY_MS: DEFAULT_UPLOAD_EXPIRY_MS,
  LIVEVIEW_UPLOAD_IDLE_MS: DEFAULT_UPLOAD_IDLE_MS,
};

type Env = Record<string, string | undefined>;

/**
 * Where the environment holds a setting: under its own name, except where that name is another tool's. `DEBUG` is
 * the `debug` package's switch (`DEBUG=express:*`), so ours is read only from `LIVEVIEW_DEBUG`.
 */
export function envName(key: keyof Settings): string {
  return key === "DEBUG" ? "LIVEVIEW_DEBUG" : key;
}

/** Options win over the environment, the environment over the defaults; every value is checked here, up front. */
export function loadSettings(options: Partial<Settings> = {}, env: Env = process.env): Settings {
  const merged: Record<string, unknown> = { ...defaultSettings };
  for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
    const raw = env[envName(key)];
    if (raw !== undefined && raw !== "") merged[key] = parseEnv(key, raw);
  }
  for (const key of Object.keys(options)) {
    if (!(key in defaultSettings)) throw new LiveViewError("bad_setting", `${key} is not a setting${suggestion(key)}`);
  }
  Object.assign(merged, stripUndefined(options));
  return validate(merged as unknown as Settings);
}

/** The setting a wrong name most likely meant: the same name in other case, or one holding all of its words. */
function suggestion(key: string): string {
  const words = key.toUpperCase().split("_");
  const near = Object.keys(defaultSettings)
    .filter((k) => words.every((w) => k.split("_").includes(w)))
    .sort((x, y) => x.length - y.length)[0];
  return near ? `; did you mean ${near}?` : "; the settings are listed in the README";
}

function parseEnv(key: keyof Settings, raw: string): unknown {
  const name = envName(key);
  const kind = typeof defaultSettings[key];
  if (Array.isArray(defaultSettings[key]))
    return raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (kind === "boolean") {
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    throw new LiveViewError("bad_setting", `${name}=${raw} is not a boolean (use true or false)`);
  }
  if (kind === "number") {
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0)
      throw new LiveViewError("bad_setting", `${name}=${raw} is not a positive integer`);
    return n;
  }
  return raw;
}

/** The numeric limits on one socket's messages and lifetime: each a positive integer. */
export const SOCKET_LIMITS = [
  "LIVEVIEW_MAX_FRAGMENTS",
  "LIVEVIEW_MAX_BUFFERED_CHUNKS",
  "LIVEVIEW_MAX_JSON_DEPTH",
  "LIVEVIEW_EVENTS_PER_SECOND",
  "LIVEVIEW_EVENTS_BURST",
  "LIVEVIEW_MAX_BUFFERED_BYTES",
  "LIVEVIEW_PING_INTERVAL_MS",
  "LIVEVIEW_PING_TIMEOUT_MS",
] as const;

function validate(s: Settings): Settings {
  if (!["db", "cache", "cached_db"].includes(s.SESSION_ENGINE)) {
    throw new LiveViewError("bad_setting", `SESSION_ENGINE=${s.SESSION_ENGINE} is not one of db, cache, cached_db`);
  }
  if (!["Lax", "Strict", "None"].includes(s.SESSION_COOKIE_SAMESITE)) {
    throw new LiveViewError(
      "bad_setting",
      `SESSION_COOKIE_SAMESITE=${s.SESSION_COOKIE_SAMESITE} is not one of Lax, Strict, None`,
    );
  }
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(s.DATABASE_URL)) {
    throw new LiveViewError("bad_setting", `DATABASE_URL=${s.DATABASE_URL} must start with sqlite: or postgres://`);
  }
  if (!SQLITE_SYNCHRONOUS_MODES.includes(s.SQLITE_SYNCHRONOUS)) {
    throw new LiveViewError(
      "bad_setting",
      `SQLITE_SYNCHRONOUS=${s.SQLITE_SYNCHRONOUS} is not one of ${SQLITE_SYNCHRONOUS_MODES.join(", ")}`,
    );
  }
  for (const entry of s.CSRF_TRUSTED_ORIGINS) {
    if (!/^https?:\/\/\.?[^/:*]+(:\d+)?\/?$/i.test(entry)) {
      throw new LiveViewError(
        "bad_setting",
        `CSRF_TRUSTED_ORIGINS entry ${entry} must be scheme://host[:port] or scheme://.domain (subdomains)`,
      );
    }
  }
  const httpLimits = [
    "LIVEVIEW_HTTP_HEADERS_TIMEOUT_MS",
    "LIVEVIEW_HTTP_REQUEST_TIMEOUT_MS",
    "LIVEVIEW_HTTP_KEEP_ALIVE_TIMEOUT_MS",
  ] as const;
  for (const key of [
    "SESSION_COOKIE_AGE",
    "MAX_FRAME_BYTES",
    "SESSION_CACHE_SIZE",
    "LIVEVIEW_REPLAY_WINDOW",
    "LIVEVIEW_PRESENCE_TIMEOUT_MS",
    "LIVEVIEW_DRAIN_SPREAD_MS",
    ...SOCKET_LIMITS,
    ...httpLimits,
    "LIVEVIEW_UPLOADS_PER_SOCKET",
    "LIVEVIEW_UPLOADS_PER_SESSION",
    "LIVEVIEW_UPLOAD_EXPIRY_MS",
    "LIVEVIEW_UPLOAD_IDLE_MS",
  ] as const) {
    if (!Number.isInteger(s[key]) || s[key] <= 0)
      throw new LiveViewError("bad_setting", `${key} must be a positive integer`);
  }
  return s;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
