// The Redis and PostgreSQL session engines against the SessionStore contract, and the locks across two connections.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisSubscriber } from "../../src/channels/redis-subscriber.ts";
import { createPgPool } from "../../src/db/pg.ts";
import { connectRedis } from "../../src/db/redis.ts";
import { PgSessionStore } from "../../src/session/engines/pg.ts";
import { RedisCachedDbSessionStore } from "../../src/session/engines/redis-cached-db.ts";
import { RedisSessionStore } from "../../src/session/engines/redis.ts";
import { PgSessionLock } from "../../src/session/pg-lock.ts";
import { RedisSessionLock } from "../../src/session/redis-lock.ts";
import type { SessionLock } from "../../src/session/session-lock.ts";
import type { SessionStore } from "../../src/session/session-store.ts";
import { freePort } from "./processes.ts";
import { cleanUp, describeWithServices, isolation, PG_URL, REDIS_URL } from "./services.ts";

const ids = isolation();
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await cleanUp(ids);
});

const later = (ms = 60_000) => Date.now() + ms;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let n = 0;
const newKey = () => `k${Date.now().toString(36)}x${(n++).toString().padStart(24, "0")}`;

function redisStore(): RedisSessionStore {
  const store = new RedisSessionStore(connectRedis(REDIS_URL), { prefix: ids.prefix });
  closers.push(() => store.close());
  return store;
}

function pgStore(): PgSessionStore {
  const store = new PgSessionStore(createPgPool(PG_URL), { schema: ids.schema });
  closers.push(() => store.close());
  return store;
}

const engines: [string, () => SessionStore][] = [
  ["redis (cache)", redisStore],
  ["postgresql (db)", pgStore],
  ["redis in front of postgresql (cached_db)", () => new RedisCachedDbSessionStore(redisStore(), pgStore())],
];

describeWithServices("session engines on Redis and PostgreSQL", () => {
  for (const [name, make] of engines) {
    describe(name, () => {
      let store: SessionStore;
      beforeAll(() => {
        store = make();
      });

      it("loads nothing for an unknown key, and what was saved for a known one", async () => {
        const key = newKey();
        expect(await store.load(key)).toBeNull();
        const expireAt = later();
        const data = { counter: 1, nested: { list: [1, "two", null, { three: true }] }, text: 'é ✓ "quoted"' };
        expect(await store.save(key, { set: data, deleted: [], expireAt })).toBe(1);
        expect(await store.load(key)).toEqual({ data, version: 1, expireAt });
      });

      it("writes only the changed keys: another writer's keys survive, deleted keys go, the version grows by one", async () => {
        const key = newKey();
        await store.save(key, { set: { a: 1, b: 2 }, deleted: [], expireAt: later() });
        expect(await store.save(key, { set: { b: 3, c: { d: 4 } }, deleted: [], expireAt: later() })).toBe(2);
        expect(await store.save(key, { set: {}, deleted: ["a"], expireAt: later() })).toBe(3);
        expect(await store.load(key)).toMatchObject({ data: { b: 3, c: { d: 4 } }, version: 3 });
      });

      it("merges concurrent saves of different keys without losing any", async () => {
        const key = newKey();
        const versions = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.save(key, { set: { [`k${i}`]: i }, deleted: [], expireAt: later() }),
          ),
        );
        expect([...versions].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        const loaded = await store.load(key);
        expect(Object.keys(loaded!.data)).toHaveLength(20);
        expect(loaded!.version).toBe(20);
      });

      it("deletes", async () => {
        const key = newKey();
        await store.save(key, { set: { a: 1 }, deleted: [], expireAt: later() });
        await store.delete(key);
        expect(await store.load(key)).toBeNull();
      });

      it("never loads an expired session, starts a new one from the changes alone, and purges", async () => {
        const key = newKey();
        await store.save(key, { set: { old: true }, deleted: [], expireAt: Date.now() + 150 });
        expect(await store.load(key)).not.toBeNull();
        await sleep(250);
        expect(await store.load(key)).toBeNull();
        await store.save(key, { set: { fresh: true }, deleted: [], expireAt: later() });
        expect((await store.load(key))!.data).toEqual({ fresh: true });

        const gone = newKey();
        await store.save(gone, { set: { a: 1 }, deleted: [], expireAt: Date.now() + 50 });
        await sleep(100);
        expect(await store.clearExpired()).toBeGreaterThanOrEqual(0);
        expect(await store.load(gone)).toBeNull();
      });
    });
  }

  it("PostgreSQL's clearExpired removes expired rows and keeps live ones", async () => {
    const store = pgStore();
    const [dead, alive] = [newKey(), newKey()];
    await store.save(dead, { set: { a: 1 }, deleted: [], expireAt: Date.now() + 30 });
    await store.save(alive, { set: { a: 1 }, deleted: [], expireAt: later() });
    await sleep(60);
    expect(await store.clearExpired()).toBeGreaterThanOrEqual(1);
    expect(await store.load(alive)).not.toBeNull();
  });

  it("cached_db never serves a cached copy whose update may have failed, and refuses stale refills", async () => {
    const cache = redisStore();
    const db = pgStore();
    const store = new RedisCachedDbSessionStore(cache, db);
    const key = newKey();
    await store.save(key, { set: { counter: 1 }, deleted: [], expireAt: later() });
    expect(await store.load(key)).toMatchObject({ data: { counter: 1 }, version: 1 }); // refilled
    expect(await cache.load(key)).toMatchObject({ version: 1 });
    await store.save(key, { set: { counter: 2 }, deleted: [], expireAt: later() });
    expect(await cache.load(key)).toMatchObject({ data: { counter: 2 }, version: 2 }); // patched in place

    // A writer that died between the database write and the cache update: the copy stays pending, never served.
    await cache.markPending(key);
    await db.save(key, { set: { counter: 3 }, deleted: [], expireAt: later() });
    expect(await cache.load(key)).toBeNull();
    expect(await store.load(key)).toMatchObject({ data: { counter: 3 }, version: 3 });
    // An old copy arriving late (a slow reader's refill) does not replace the newer one.
    await cache.put(key, { data: { counter: 2 }, version: 2, expireAt: later() });
    expect(await store.load(key)).toMatchObject({ data: { counter: 3 }, version: 3 });
  });

  it("cached_db: a reader without the lock that loaded just before a write cannot refill an old copy", async () => {
    const cache = redisStore();
    const db = pgStore();
    const store = new RedisCachedDbSessionStore(cache, db);
    const key = newKey();
    await store.save(key, { set: { counter: 1 }, deleted: [], expireAt: later() });
    const old = (await db.load(key))!; // the reader read the database...
    await cache.markPending(key); // ...a writer begins...
    await db.save(key, { set: { counter: 2 }, deleted: [], expireAt: later() });
    await cache.put(key, old); // ...the reader's refill lands now: refused
    expect(await store.load(key)).toMatchObject({ data: { counter: 2 }, version: 2 }); // from the database
    await cache.patch(key, 2, { set: { counter: 2 }, deleted: [], expireAt: later() }); // the writer finishes
    await cache.put(key, old); // too late, and too old
    expect(await store.load(key)).toMatchObject({ data: { counter: 2 }, version: 2 });
    expect(await cache.load(key)).toMatchObject({ data: { counter: 2 }, version: 2 }); // refilled by that load

    await store.delete(key);
    await cache.put(key, { data: { counter: 2 }, version: 2, expireAt: later() }); // a reader from before the delete
    expect(await store.load(key)).toBeNull();
  });
});

/** Read-modify-write on a shared value with a pause in between: any overlap loses an update or shows up in `inside`. */
async function contend(locks: SessionLock[], key: string, rounds: number) {
  const shared = { value: 0, inside: 0, maxInside: 0 };
  await Promise.all(
    Array.from({ length: rounds }, (_, i) => {
      const which = i % locks.length;
      return locks[which]!.run(key, async () => {
        shared.inside++;
        shared.maxInside = Math.max(shared.maxInside, shared.inside);
        const read = shared.value;
        await sleep(1);
        shared.value = read + 1;
        shared.inside--;
      });
    }),
  );
  return shared;
}

describeWithServices("session locks across connections", () => {
  function redisLock(options: { leaseMs?: number; waitMs?: number } = {}) {
    const redis = connectRedis(REDIS_URL);
    const lock = new RedisSessionLock(redis, new RedisSubscriber(connectRedis(REDIS_URL, "subscriber")), {
      prefix: ids.prefix,
      ...options,
    });
    closers.push(() => lock.close());
    return { lock, redis };
  }

  it("a Redis lock excludes across two instances on two connections", async () => {
    const result = await contend([redisLock().lock, redisLock().lock], newKey(), 60);
    expect(result.value).toBe(60);
    expect(result.maxInside).toBe(1);
  });

  it("a Redis lock whose holder died is free again after its lease; a waiter gives up with session_busy", async () => {
    const key = newKey();
    const dead = redisLock({ leaseMs: 300 });
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    void dead.lock.run(key, () => {
      entered();
      return new Promise<never>(() => undefined);
    });
    await inside;
    const impatient = redisLock({ waitMs: 100 }).lock;
    await expect(impatient.run(key, async () => 1)).rejects.toMatchObject({ code: "session_busy" });
    dead.redis.disconnect(); // the holder's process "dies": no more renewals
    const started = Date.now();
    expect(await redisLock().lock.run(key, async () => "taken")).toBe("taken");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("a PostgreSQL advisory lock excludes across two instances on two pools", async () => {
    const locks = [0, 1].map(() => {
      const lock = new PgSessionLock(createPgPool(PG_URL), { namespace: ids.schema });
      closers.push(() => lock.close());
      return lock;
    });
    const result = await contend(locks, newKey(), 40);
    expect(result.value).toBe(40);
    expect(result.maxInside).toBe(1);
  });
});

describe("a session store whose server is down", () => {
  it("fails fast with store_unavailable, naming the service and what to do", async () => {
    const port = await freePort();
    const stores = [
      new RedisSessionStore(connectRedis(`redis://127.0.0.1:${port}`), { prefix: ids.prefix }),
      new PgSessionStore(createPgPool(`postgres://postgres@127.0.0.1:${port}/test`)),
    ];
    const errors = [
      /Redis at 127\.0\.0\.1:\d+ is unavailable .*REDIS_URL/,
      /PostgreSQL at 127\.0\.0\.1:\d+\/test is unavailable .*DATABASE_URL/,
    ];
    for (const [i, store] of stores.entries()) {
      const started = Date.now();
      const failure = store.save(newKey(), { set: { a: 1 }, deleted: [], expireAt: later() });
      await expect(failure).rejects.toMatchObject({
        code: "store_unavailable",
        message: expect.stringMatching(errors[i]!),
      });
      expect(Date.now() - started).toBeLessThan(3000);
      await store.close();
    }
  });
});
