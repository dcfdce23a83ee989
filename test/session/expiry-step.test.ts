// On SQLite, a save that changes data leaves the stored expiry alone while it is within a minute (and a hundredth of
// the session's age) of the one asked for: the expiry column is indexed, and moving every row in the index on every
// save doubled the cost of a commit. A save made to extend the session (`modified = true`) always writes it.

import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryChannelLayer } from "../../src/channels/memory.ts";
import { EXPIRY_STEP_MS } from "../../src/constants.ts";
import { openSqlite } from "../../src/db/sqlite.ts";
import { SqliteSessionStore } from "../../src/session/engines/sqlite.ts";
import { MemorySessionLock } from "../../src/session/session-lock.ts";
import { Sessions } from "../../src/session/sessions.ts";
import { tempDatabaseUrl } from "../helpers.ts";

const T0 = Date.UTC(2026, 0, 1);

function setUp(ageSeconds: number) {
  const store = new SqliteSessionStore(openSqlite(tempDatabaseUrl()));
  const sessions = new Sessions(store, new MemorySessionLock(), new MemoryChannelLayer(), ageSeconds);
  const at = (ms: number) => vi.setSystemTime(T0 + ms);
  const save = async (key: string | null, change: (s: import("../../src/session/session.ts").Session) => void) => {
    const { session } = await sessions.run(key, change);
    await sessions.durable();
    return session.key!;
  };
  const increment = (key: string | null) => save(key, (s) => s.set("n", s.get("n", 0) + 1));
  const expiry = async (key: string) => (await store.load(key))!.expireAt;
  return { at, save, increment, expiry, store, age: ageSeconds * 1000 };
}

afterEach(() => vi.useRealTimers());

describe("the stored expiry of a session saved again and again (SQLite)", () => {
  it("stays put for saves within a minute, and moves with the first save after it", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: T0 });
    const { at, increment, expiry, age } = setUp(14 * 24 * 3600);
    const key = await increment(null);
    await increment(key);
    at(1_000);
    await increment(key);
    at(EXPIRY_STEP_MS - 1);
    await increment(key);
    expect(await expiry(key)).toBe(T0 + age);
    at(EXPIRY_STEP_MS + 5_000);
    await increment(key);
    expect(await expiry(key)).toBe(T0 + EXPIRY_STEP_MS + 5_000 + age);
  });

  it("never lags by more than a hundredth of a short session's age", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: T0 });
    const { at, increment, expiry, age } = setUp(100); // a hundredth: one second
    const key = await increment(null);
    await increment(key);
    at(900);
    await increment(key);
    expect(await expiry(key)).toBe(T0 + age);
    at(1_500);
    await increment(key);
    expect(await expiry(key)).toBe(T0 + 1_500 + age);
  });

  it("is always written by a save that only extends the session (modified = true)", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: T0 });
    const { at, save, increment, expiry, age } = setUp(14 * 24 * 3600);
    const key = await increment(null);
    await increment(key);
    at(1_000);
    await save(key, (s) => (s.modified = true));
    expect(await expiry(key)).toBe(T0 + 1_000 + age);
  });

  it("keeps the data and version of every save, whether or not the expiry moved", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: T0 });
    const { at, increment, store } = setUp(14 * 24 * 3600);
    const key = await increment(null);
    for (let i = 1; i < 10; i++) {
      at(i * 20_000);
      await increment(key);
    }
    expect(await store.load(key)).toMatchObject({ data: { n: 10 }, version: 10 });
  });
});
