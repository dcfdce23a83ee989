// Settings, with Django's names and defaults, read from options first and then the environment.

import { DEFAULT_MAX_FRAME_BYTES, DEFAULT_MEMORY_SESSIONS, TWO_WEEKS_SECONDS } from "./constants.ts";
import { LiveViewError } from "./errors.ts";

export type SessionEngineName = "db" | "cache" | "cached_db";

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
  /** When set, groups and the session lock span processes through this Redis server, as do `cache` sessions. */
  REDIS_URL: string | null;
  ALLOWED_HOSTS: string[];
  /** Largest incoming WebSocket frame, in bytes; a larger one closes the socket with 1009. */
  MAX_FRAME_BYTES: number;
  /** Entries the in-process session cache keeps (engines `cache` and `cached_db` without Redis). */
  SESSION_CACHE_SIZE: number;
  DEBUG: boolean;
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
  REDIS_URL: null,
  ALLOWED_HOSTS: ["127.0.0.1", "localhost"],
  MAX_FRAME_BYTES: DEFAULT_MAX_FRAME_BYTES,
  SESSION_CACHE_SIZE: DEFAULT_MEMORY_SESSIONS,
  DEBUG: false,
};

type Env = Record<string, string | undefined>;

/** Options win over the environment, the environment over the defaults; every value is checked here, up front. */
export function loadSettings(options: Partial<Settings> = {}, env: Env = process.env): Settings {
  const merged: Record<string, unknown> = { ...defaultSettings };
  for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
    if (env[key] !== undefined && env[key] !== "") merged[key] = parseEnv(key, env[key]!);
  }
  Object.assign(merged, stripUndefined(options));
  return validate(merged as unknown as Settings);
}

function parseEnv(key: keyof Settings, raw: string): unknown {
  const kind = typeof defaultSettings[key];
  if (Array.isArray(defaultSettings[key])) return raw.split(",").map((s) => s.trim()).filter(Boolean);
  if (kind === "boolean") {
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    throw new LiveViewError("bad_setting", `${key}=${raw} is not a boolean (use true or false)`);
  }
  if (kind === "number") {
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new LiveViewError("bad_setting", `${key}=${raw} is not a positive integer`);
    return n;
  }
  return raw;
}

function validate(s: Settings): Settings {
  if (!["db", "cache", "cached_db"].includes(s.SESSION_ENGINE)) {
    throw new LiveViewError("bad_setting", `SESSION_ENGINE=${s.SESSION_ENGINE} is not one of db, cache, cached_db`);
  }
  if (!["Lax", "Strict", "None"].includes(s.SESSION_COOKIE_SAMESITE)) {
    throw new LiveViewError("bad_setting", `SESSION_COOKIE_SAMESITE=${s.SESSION_COOKIE_SAMESITE} is not one of Lax, Strict, None`);
  }
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(s.DATABASE_URL)) {
    throw new LiveViewError("bad_setting", `DATABASE_URL=${s.DATABASE_URL} must start with sqlite: or postgres://`);
  }
  for (const key of ["SESSION_COOKIE_AGE", "MAX_FRAME_BYTES", "SESSION_CACHE_SIZE"] as const) {
    if (!Number.isInteger(s[key]) || s[key] <= 0) throw new LiveViewError("bad_setting", `${key} must be a positive integer`);
  }
  return s;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
