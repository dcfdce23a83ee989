// The embedded engines against the store contract: SQLite (db), memory (cache), and memory in front of SQLite.

import { describe, expect, it } from "vitest";
import { openSqlite } from "../../src/deployment.ts";
import { CachedDbSessionStore } from "../../src/session/engines/cached-db.ts";
import { MemorySessionStore } from "../../src/session/engines/memory.ts";
import { SqliteSessionStore } from "../../src/session/engines/sqlite.ts";
import { tempDatabaseUrl } from "../helpers.ts";
import { storeContract } from "./store-contract.ts";

storeContract("SQLite", () => new SqliteSessionStore(openSqlite(tempDatabaseUrl())));
storeContract("memory", () => new MemorySessionStore(100));
storeContract(
  "cached_db",
  () => new CachedDbSessionStore(new MemorySessionStore(100), new SqliteSessionStore(openSqlite(tempDatabaseUrl()))),
);

describe("memory session store", () => {
  it("evicts the least recently used session beyond its capacity", async () => {
    const store = new MemorySessionStore(2);
    const expireAt = Date.now() + 60_000;
    await store.save("a".repeat(24), { set: { n: 1 }, deleted: [], expireAt });
    await store.save("b".repeat(24), { set: { n: 2 }, deleted: [], expireAt });
    await store.load("a".repeat(24));
    await store.save("c".repeat(24), { set: { n: 3 }, deleted: [], expireAt });
    expect(await store.load("b".repeat(24))).toBeNull();
    expect((await store.load("a".repeat(24)))?.data).toEqual({ n: 1 });
  });
});

describe("cached_db session store", () => {
  it("serves a session the database holds even when the cache lost it", async () => {
    const cache = new MemorySessionStore(100);
    const db = new SqliteSessionStore(openSqlite(tempDatabaseUrl()));
    const store = new CachedDbSessionStore(cache, db);
    const key = "k".repeat(24);
    await store.save(key, { set: { counter: 5 }, deleted: [], expireAt: Date.now() + 60_000 });
    await cache.delete(key);
    expect((await store.load(key))?.data).toEqual({ counter: 5 });
    await store.save(key, { set: { counter: 6 }, deleted: [], expireAt: Date.now() + 60_000 });
    expect((await cache.load(key))?.data).toEqual({ counter: 6 });
    expect((await db.load(key))?.data).toEqual({ counter: 6 });
  });
});

describe("cached_db with a reader that loads while a writer saves", () => {
  it("never caches the older copy over the newer one", async () => {
    const cache = new MemorySessionStore(100);
    const db = new SqliteSessionStore(openSqlite(tempDatabaseUrl()));
    const store = new CachedDbSessionStore(cache, db);
    const key = "r".repeat(24);
    await db.save(key, { set: { counter: 5 }, deleted: [], expireAt: Date.now() + 60_000 });
    // The reader misses the cache and reads version 1 from the database; the writer saves version 2 meanwhile.
    const slowDb = {
      ...db,
      load: async (k: string) => {
        const s = await db.load(k);
        await store.save(key, { set: { counter: 6 }, deleted: [], expireAt: Date.now() + 60_000 });
        return s;
      },
    };
    const racing = new CachedDbSessionStore(cache, slowDb as unknown as SqliteSessionStore);
    expect((await racing.load(key))?.data).toEqual({ counter: 5 });
    expect((await store.load(key))?.data).toEqual({ counter: 6 });
  });
});
