// The behaviour every SessionStore promises, run against each engine.

import { describe, expect, it } from "vitest";
import type { SessionStore } from "../../src/index.ts";

const HOUR = 3600_000;

export function storeContract(name: string, make: () => Promise<SessionStore> | SessionStore): void {
  describe(`${name} session store`, () => {
    it("returns null for a key it never saw", async () => {
      const store = await make();
      expect(await store.load("never-saved-key-000000000000")).toBeNull();
    });

    it("creates a session on first save and loads it back", async () => {
      const store = await make();
      const version = await store.save("key-a-0000000000000000000000", { set: { counter: 1, nested: { a: [1, 2] } }, deleted: [], expireAt: Date.now() + HOUR });
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
      await store.save(key, { set: { theme: "dark" }, deleted: [], expireAt, base: { version: v1, data: { counter: 1, theme: "dark" } } });
      await store.save(key, { set: { counter: 2 }, deleted: [], expireAt, base: { version: a!.version, data: { counter: 2 } } });
      expect((await store.load(key))?.data).toEqual({ counter: 2, theme: "dark" });
      const v = (await store.load(key))!.version;
      await store.save(key, { set: { counter: 3 }, deleted: ["theme"], expireAt, base: { version: v, data: { counter: 3 } } });
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
