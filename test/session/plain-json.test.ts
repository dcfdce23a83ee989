// Session data is plain JSON: a key named like one of Object's members is an ordinary key, never a prototype.

import { afterEach, describe, expect, it } from "vitest";
import { snakeKeys, type JsonObject } from "../../src/json.ts";
import { applyChanges, type SessionChanges } from "../../src/session/session-store.ts";
import { Session, type SessionHost } from "../../src/session/session.ts";

const NAMES = ["__proto__", "constructor", "prototype", "hasOwnProperty", "toString"];

/** A host that records what the session asks it to persist. */
function recordingHost(): SessionHost & { saved: Omit<SessionChanges, "expireAt">[] } {
  const saved: Omit<SessionChanges, "expireAt">[] = [];
  return {
    saved,
    persist: async (_session, _key, changes) => (saved.push(changes), saved.length),
    rekey: async () => undefined,
    end: async () => undefined,
    newKey: () => "k".repeat(32),
  };
}

afterEach(() => expect(({} as { polluted?: unknown }).polluted).toBeUndefined());

describe("a Session", () => {
  it("stores, reads, saves and deletes every key named like an Object member as data", async () => {
    const host = recordingHost();
    const session = new Session(host, null, {}, null);
    for (const name of NAMES) {
      expect(session.has(name), name).toBe(false);
      expect(session.get(name, "fallback"), name).toBe("fallback");
    }
    for (const name of NAMES) session.set(name, { polluted: 1, name });
    for (const name of NAMES) expect(session.get(name), name).toEqual({ polluted: 1, name });
    expect(session.keys().sort()).toEqual([...NAMES].sort());
    expect(session.get("polluted")).toBeUndefined();

    await session.save();
    const written = host.saved[0]!.set;
    expect(Object.keys(written).sort()).toEqual([...NAMES].sort());
    expect(JSON.parse(JSON.stringify(written))["__proto__"]).toEqual({ polluted: 1, name: "__proto__" });

    expect(session.delete("__proto__")).toBe(true);
    await session.save();
    expect(host.saved[1]!.deleted).toEqual(["__proto__"]);
  });

  it("loads stored data with a __proto__ key as that key", () => {
    const stored = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": 2}') as JsonObject;
    const session = new Session(recordingHost(), "k".repeat(32), stored, 1);
    expect(session.get("__proto__")).toEqual({ polluted: 1 });
    expect(session.get("constructor")).toBe(2);
    expect(session.get("polluted")).toBeUndefined();
    expect(session.changes()).toEqual({ set: {}, deleted: [] });
  });
});

describe("applyChanges", () => {
  it("merges a __proto__ key as data and leaves the result a plain object", () => {
    const next = applyChanges(
      { a: 1, constructor: 2 },
      { set: JSON.parse('{"__proto__": {"polluted": 1}}'), deleted: ["constructor"] },
    );
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    expect(Object.keys(next)).toEqual(["a", "__proto__"]);
    expect(next["__proto__"]).toEqual({ polluted: 1 });
    expect((next as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe("snakeKeys", () => {
  it("keeps a client's __proto__ key as data, at every depth", () => {
    const out = snakeKeys(
      JSON.parse('{"data": {"__proto__": {"polluted": 1}, "list": [{"__proto__": {"polluted": 2}}]}}'),
    ) as {
      data: { __proto__: unknown; list: Record<string, unknown>[]; polluted?: unknown };
    };
    expect(Object.hasOwn(out.data, "__proto__")).toBe(true);
    expect(out.data.polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out.data)).toBe(Object.prototype);
    expect(out.data.list[0]!["__proto__"]).toEqual({ polluted: 2 });
    expect(Object.getPrototypeOf(out.data.list[0])).toBe(Object.prototype);
  });
});
