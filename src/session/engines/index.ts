// Picks the session store that SESSION_ENGINE and DATABASE_URL name.

import { openSqlite } from "../../db/sqlite.ts";
import { LiveViewError } from "../../errors.ts";
import type { Settings } from "../../settings.ts";
import type { SessionStore } from "../session-store.ts";
import { CachedDbSessionStore } from "./cached-db.ts";
import { MemorySessionStore } from "./memory.ts";
import { SqliteSessionStore } from "./sqlite.ts";

export function createSessionStore(settings: Settings): SessionStore {
  const cache = () => new MemorySessionStore(settings.SESSION_CACHE_SIZE);
  if (settings.SESSION_ENGINE === "cache") return cache();
  const db = databaseStore(settings);
  return settings.SESSION_ENGINE === "cached_db" ? new CachedDbSessionStore(cache(), db) : db;
}

function databaseStore(settings: Settings): SessionStore {
  if (settings.DATABASE_URL.startsWith("sqlite:")) return new SqliteSessionStore(openSqlite(settings.DATABASE_URL));
  throw new LiveViewError("bad_setting", `no session engine for DATABASE_URL=${settings.DATABASE_URL} yet`);
}
