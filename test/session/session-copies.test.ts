// A session this process saved last is resumed without a read, and read again as soon as it may have changed:
// another connection's write or delete, expiry, a handler that threw after changing its copy.

import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryChannelLayer } from "../../src/channels/memory.ts";
import { openSqlite, sqlitePath } from "../../src/db/sqlite.ts";
import { SqliteSessionStore } from "../../src/session/engines/sqlite.ts";
import { MemorySessionLock } from "../../src/session/session-lock.ts";
import { Sessions } from "../../src/session/sessions.ts";
import { tempDatabaseUrl } from "../helpers.ts";

const AGE_SECONDS = 60;

async function setUp() {
  const url = tempDatabaseUrl();
  const store = new SqliteSessionStore(openSqlite(url));
  const sessions = new Sessions(store, new MemorySessionLock(), new MemoryChannelLayer(), AGE_SECONDS);
  const loads = vi.spyOn(store, "load");
  const increment = async (key: string | null) => {
    const { session } = await sessions.run(key, (s) => s.set("counter", s.get("counter", 0) + 1));
    await sessions.durable();
    return { key: session.key!, counter: session.get<number>("counter") };
  };
  // Two saves: the first creates the row, the second replaces the version it loaded, which the store then knows.
  const { key } = await increment(null);
  await increment(key);
  loads.mockClear();
  return { url, sessions, loads, increment, key, other: () => new Database(sqlitePath(url)) };
}

afterEach(() => vi.useRealTimers());

describe("resumed session copies (SQLite, locks in this process)", () => {
  it("resumes the copy it saved last, without loading it", async () => {
    const { increment, key, loads } = await setUp();
    expect(await increment(key)).toEqual({ key, counter: 3 });
    expect(await increment(key)).toEqual({ key, counter: 4 });
    expect(loads).not.toHaveBeenCalled();
  });

  it("loads again after another connection wrote the session", async () => {
    const { increment, key, loads, other } = await setUp();
    const db = other();
    db.prepare("UPDATE liveview_session SET data = ?, version = version + 1 WHERE session_key = ?").run(
      JSON.stringify({ counter: 40 }),
      key,
    );
    db.close();
    expect(await increment(key)).toEqual({ key, counter: 41 });
    expect(loads).toHaveBeenCalledTimes(1);
  });

  it("starts afresh after another connection deleted the session (logout elsewhere, clearsessions)", async () => {
    const { increment, key, other } = await setUp();
    const db = other();
    db.prepare("DELETE FROM liveview_session WHERE session_key = ?").run(key);
    db.close();
    const next = await increment(key);
    expect(next.counter).toBe(1);
    expect(next.key).not.toBe(key);
  });

  it("does not resume an expired session", async () => {
    const { increment, key } = await setUp();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + (AGE_SECONDS + 1) * 1000 });
    const next = await increment(key);
    expect(next.counter).toBe(1);
    expect(next.key).not.toBe(key);
  });

  it("reads the stored session after a handler that changed its copy and threw", async () => {
    const { increment, sessions, key, loads } = await setUp();
    await expect(
      sessions.run(key, (s) => {
        s.set("counter", 100);
        throw new Error("handler failed");
      }),
    ).rejects.toThrow("handler failed");
    expect(await increment(key)).toEqual({ key, counter: 3 });
    expect(loads).toHaveBeenCalledTimes(1);
  });

  it("tells a changed value from an unchanged one, primitives, strings that look like JSON and nested values alike", async () => {
    const { sessions, key } = await setUp();
    await sessions.run(key, (s) => {
      s.set("text", "[1]");
      s.set("list", [1]);
    });
    const { session } = await sessions.run(key, (s) => {
      s.get<number[]>("list").push(2);
      s.delete("text");
      s.set("added", 0);
      expect(s.changes()).toEqual({ set: { list: [1, 2], added: 0 }, deleted: ["text"] });
    });
    expect(session.changes()).toEqual({ set: {}, deleted: [] });
    expect((await sessions.load(key))?.list).toEqual([1, 2]);
  });
});
