// Fuzzing the session engines: random contents (any JSON, keys such as `__proto__`, `#v` or empty, unicode, deletes)
// saved in random steps are read back exactly as a plain model says, in every engine.

import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createPgPool } from "../../src/db/pg.ts";
import { connectRedis } from "../../src/db/redis.ts";
import { openSqlite } from "../../src/deployment.ts";
import type { JsonObject } from "../../src/index.ts";
import { CachedDbSessionStore } from "../../src/session/engines/cached-db.ts";
import { MemorySessionStore } from "../../src/session/engines/memory.ts";
import { PgSessionStore } from "../../src/session/engines/pg.ts";
import { RedisCachedDbSessionStore } from "../../src/session/engines/redis-cached-db.ts";
import { RedisSessionStore } from "../../src/session/engines/redis.ts";
import { SqliteSessionStore } from "../../src/session/engines/sqlite.ts";
import { SESSION_KEY_BYTES } from "../../src/constants.ts";
import type { SessionStore } from "../../src/session/session-store.ts";
import { tempDatabaseUrl } from "../helpers.ts";
import { cleanUp, describeWithServices, isolation, PG_URL, REDIS_URL } from "../scale/services.ts";
import { FUZZ_TIMEOUT_MS, SEED, SESSIONS_PER_ENGINE } from "./fuzz/scale.ts";

/** Sessions the in-memory engines may hold: more than one run saves. */
const MEMORY_CAPACITY = 100_000;
const AN_HOUR_MS = 60 * 60 * 1000;

const key = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "__proto__",
      "constructor",
      "prototype",
      "toString",
      "",
      "#v",
      "#e",
      "#p",
      "=x",
      "_auth_user_id",
      "a.b",
      "a\u0000b",
    ),
  },
);
const step = fc.record({
  set: fc.dictionary(key, fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 }).map((set) => set as JsonObject),
  deleted: fc.array(key, { maxLength: 3 }),
});

/**
 * A value as JSON with every object's keys sorted: JSON objects are unordered, and PostgreSQL's jsonb does reorder
 * them. Own keys only, so `__proto__` compares as the value it is.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
const entries = canonical;

/** Whether a step writes U+0000 in a key or value: PostgreSQL cannot store it, and says so (invalid_content). */
const holdsNul = (step: { set: JsonObject; deleted: string[] }) => JSON.stringify(step).includes("\\u0000");

function fuzzEngine(name: string, make: () => SessionStore, options: { refusesNul?: boolean } = {}): void {
  let store: SessionStore | undefined;
  afterAll(() => store?.close());
  it(`${name}: ${SESSIONS_PER_ENGINE} random sessions read back as saved`, { timeout: FUZZ_TIMEOUT_MS }, async () => {
    store = make();
    const engine = store;
    let saves = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 5 }), async (steps) => {
        const sessionKey = randomBytes(SESSION_KEY_BYTES).toString("base64url");
        let model: JsonObject = {};
        let base: { version: number; data: JsonObject } | undefined;
        for (const { set, deleted } of steps) {
          // The model's merge: defined own properties, so a `__proto__` key is data and never a prototype.
          const next: JsonObject = { ...model };
          for (const [k, v] of Object.entries(set))
            Object.defineProperty(next, k, { value: v, enumerable: true, writable: true, configurable: true });
          for (const k of deleted) delete next[k];
          if (options.refusesNul && holdsNul({ set, deleted })) {
            const changes = {
              set,
              deleted,
              expireAt: Date.now() + AN_HOUR_MS,
              ...(base ? { base: { version: base.version, data: next } } : {}),
            };
            await expect(engine.save(sessionKey, changes)).rejects.toMatchObject({ code: "invalid_content" });
            refused++;
            const kept = await engine.load(sessionKey);
            expect(kept === null ? null : entries(kept.data)).toBe(base ? entries(model) : null);
            continue;
          }
          const version = await engine.save(sessionKey, {
            set,
            deleted,
            expireAt: Date.now() + AN_HOUR_MS,
            ...(base ? { base: { version: base.version, data: next } } : {}),
          });
          saves++;
          model = next;
          const loaded = await engine.load(sessionKey);
          expect(loaded).not.toBeNull();
          expect(entries(loaded!.data)).toBe(entries(model));
          expect(Object.getPrototypeOf(loaded!.data)).toBe(Object.prototype);
          base = { version, data: loaded!.data };
        }
        await engine.delete(sessionKey);
        expect(await engine.load(sessionKey)).toBeNull();
      }),
      { numRuns: SESSIONS_PER_ENGINE, seed: SEED, endOnFailure: true },
    );
    console.info(
      `fuzz-sessions: ${name}: ${SESSIONS_PER_ENGINE} sessions, ${saves} saves, ${refused} refused (seed ${SEED})`,
    );
  });
}

describe("fuzzed session contents, embedded engines", () => {
  fuzzEngine("sqlite (db)", () => new SqliteSessionStore(openSqlite(tempDatabaseUrl())));
  fuzzEngine("memory (cache)", () => new MemorySessionStore(MEMORY_CAPACITY));
  fuzzEngine(
    "memory in front of sqlite (cached_db)",
    () =>
      new CachedDbSessionStore(
        new MemorySessionStore(MEMORY_CAPACITY),
        new SqliteSessionStore(openSqlite(tempDatabaseUrl())),
      ),
  );
});

const ids = isolation();
afterAll(() => cleanUp(ids));
const redis = () => new RedisSessionStore(connectRedis(REDIS_URL), { prefix: ids.prefix });
const pg = () => new PgSessionStore(createPgPool(PG_URL), { schema: ids.schema });

describeWithServices("fuzzed session contents, engines on Redis and PostgreSQL", () => {
  fuzzEngine("redis (cache)", redis);
  fuzzEngine("postgresql (db)", pg, { refusesNul: true });
  fuzzEngine(
    "redis in front of sqlite (cached_db)",
    () => new RedisCachedDbSessionStore(redis(), new SqliteSessionStore(openSqlite(tempDatabaseUrl()))),
  );
  fuzzEngine("redis in front of postgresql (cached_db)", () => new RedisCachedDbSessionStore(redis(), pg()), {
    refusesNul: true,
  });
});
