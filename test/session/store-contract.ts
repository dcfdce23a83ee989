// The behaviour every SessionStore promises, run against each engine.

import { describe, expect, it } from "vitest";
import type { SessionStore } from "../../src/deployment.ts";

const HOUR = 3600_000;

export function storeContract(name: string, make: () => Promise<SessionStore> | SessionStore): void {
  describe(`${name} session store`, () => {
    it("returns null for a key it never saw", async () => {
      const store = await make();
      expect(await store.load("never-saved-key-000000000000")).toBeNull();
    });

    it("creates a session on first save and loads it back", async () => {
      const store = await make();
      const version = await store.save("key-a-0000000000000000000000", {
        set: { counter: 1, nested: { a: [1, 2] } },
        deleted: [],
        expireAt: Date.now() + HOUR,
      });
      const loaded = await store.load("key-a-0000000000000000000000");
      expect(loaded?.data).toEqual({ counter: 1, nested: { a: [1, 2] } });
      expect(loaded?.version).toBe(version);
    });

    it("writes only the keys a save changed, keeping keys another writer saved meanwhile", async () => {
      const store = await make();
      const key = "key-b-0000000000000000000000";
      const expireAt = Date.now() + HOUR;
      await store.save(key, { set: { counter: 1, theme: "dark" }, deleted: [], expireAt });
      await store.save(key, { set: { form_drafts: { f: { data: {} } } }, deleted: [], expireAt });
      const v = await store.save(key, { set: { counter: 2 }, deleted: ["theme"], expireAt });
      const loaded = await store.load(key);
      expect(loaded?.data).toEqual({ counter: 2, form_drafts: { f: { data: {} } } });
      expect(loaded?.version).toBe(v);
    });

    it("writes a writer's whole copy only when nobody saved since it loaded; otherwise merges its changed keys", async () => {
      const store = await make();
      const key = "key-g-0000000000000000000000";
      const expireAt = Date.now() + HOUR;
      const v1 = await store.save(key, { set: { counter: 1 }, deleted: [], expireAt });
      const a = await store.load(key);
      // B saves another key after A loaded; A's copy (version v1) does not have it.
      await store.save(key, {
        set: { theme: "dark" },
        deleted: [],
        expireAt,
        base: { version: v1, data: { counter: 1, theme: "dark" } },
      });
      await store.save(key, {
        set: { counter: 2 },
        deleted: [],
        expireAt,
        base: { version: a!.version, data: { counter: 2 } },
      });
      expect((await store.load(key))?.data).toEqual({ counter: 2, theme: "dark" });
      const v = (await store.load(key))!.version;
      await store.save(key, {
        set: { counter: 3 },
        deleted: ["theme"],
        expireAt,
        base: { version: v, data: { counter: 3 } },
      });
      expect(await store.load(key)).toMatchObject({ data: { counter: 3 }, version: v + 1 });
    });

    it("never loads an expired session, and clearExpired removes it", async () => {
      const store = await make();
      await store.save("key-c-0000000000000000000000", { set: { x: 1 }, deleted: [], expireAt: Date.now() - 1 });
      await store.save("key-d-0000000000000000000000", { set: { x: 2 }, deleted: [], expireAt: Date.now() + HOUR });
      expect(await store.load("key-c-0000000000000000000000")).toBeNull();
      expect(await store.clearExpired()).toBeGreaterThanOrEqual(0);
      expect((await store.load("key-d-0000000000000000000000"))?.data).toEqual({ x: 2 });
    });

    it("deletes a session", async () => {
      const store = await make();
      await store.save("key-e-0000000000000000000000", { set: { x: 1 }, deleted: [], expireAt: Date.now() + HOUR });
      await store.delete("key-e-0000000000000000000000");
      expect(await store.load("key-e-0000000000000000000000")).toBeNull();
    });

    it("never brings back a session a writer loaded and that was deleted since: session_interrupted, nothing written", async () => {
      const store = await make();
      const key = "key-h-0000000000000000000000";
      const expireAt = Date.now() + HOUR;
      const v = await store.save(key, { set: { _auth_user_id: 7 }, deleted: [], expireAt });
      await store.delete(key); // a logout in another process, or clearsessions
      for (const version of [v, v - 1]) {
        // nobody wrote since the load (fast path), or someone did (merge path)
        const save = store.save(key, {
          set: { counter: 1 },
          deleted: [],
          expireAt,
          base: { version, data: { _auth_user_id: 7, counter: 1 } },
        });
        await expect(save).rejects.toMatchObject({
          code: "session_interrupted",
          message: expect.stringMatching(/session ended .*reload the page/),
        });
        expect(await store.load(key)).toBeNull();
      }
      // A save that did not load the session (a new key) still creates it.
      await store.save(key, { set: { counter: 1 }, deleted: [], expireAt });
      expect((await store.load(key))?.data).toEqual({ counter: 1 });
    });

    it("never brings back a session a writer loaded and that has expired since", async () => {
      const store = await make();
      const key = "key-j-0000000000000000000000";
      const v = await store.save(key, { set: { _auth_user_id: 7 }, deleted: [], expireAt: Date.now() + HOUR });
      await store.save(key, {
        set: {},
        deleted: [],
        expireAt: Date.now() - 1,
        base: { version: v, data: { _auth_user_id: 7 } },
      });
      const later = Date.now() + HOUR;
      for (const version of [v + 1, v]) {
        const save = store.save(key, {
          set: { counter: 1 },
          deleted: [],
          expireAt: later,
          base: { version, data: { _auth_user_id: 7, counter: 1 } },
        });
        await expect(save).rejects.toMatchObject({ code: "session_interrupted" });
        expect(await store.load(key)).toBeNull();
      }
    });

    it("stores keys named like Object members as data, and loads them back as data", async () => {
      const store = await make();
      const key = "key-k-0000000000000000000000";
      const expireAt = Date.now() + HOUR;
      const set = JSON.parse(
        '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}, "prototype": 3, "hasOwnProperty": 4}',
      );
      const v = await store.save(key, { set, deleted: [], expireAt });
      // Merged with what is stored (a stale base), as a second writer's save is.
      await store.save(key, {
        set: { other: 5 },
        deleted: ["prototype"],
        expireAt,
        base: { version: v - 1, data: {} },
      });
      const { data } = (await store.load(key))!;
      expect(Object.keys(data).sort()).toEqual(["__proto__", "constructor", "hasOwnProperty", "other"]);
      expect(Object.hasOwn(data, "__proto__") && data["__proto__"]).toEqual({ polluted: 1 });
      expect(data.constructor).toEqual({ prototype: { polluted: 2 } });
      expect((data as { polluted?: unknown }).polluted).toBeUndefined();
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    });

    it("hands out copies: changing a loaded value does not change the stored one", async () => {
      const store = await make();
      const key = "key-f-0000000000000000000000";
      await store.save(key, { set: { list: [1] }, deleted: [], expireAt: Date.now() + HOUR });
      const first = await store.load(key);
      (first!.data.list as number[]).push(2);
      expect((await store.load(key))?.data.list).toEqual([1]);
    });
  });
}
