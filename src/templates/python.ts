// Python's view of JavaScript values, as Django's templates see them: str(), truthiness, ==, `in` and repr.

import { SafeString } from "./safe.ts";

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" &&
  v !== null &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** Python's str(): None, True and False by their Python names, lists and dicts as Python writes them. */
export function pyStr(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof SafeString) return v.value;
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (Array.isArray(v) || isPlainObject(v) || v instanceof Map || v instanceof Set) return pyRepr(v);
  return String(v);
}

export function pyRepr(v: unknown): string {
  if (typeof v === "string" || v instanceof SafeString) {
    const s = String(v);
    return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  }
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  if (v instanceof Set) return v.size ? `{${[...v].map(pyRepr).join(", ")}}` : "set()";
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(", ")}}`;
  if (isPlainObject(v))
    return `{${Object.entries(v)
      .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
      .join(", ")}}`;
  return pyStr(v);
}

/** Python's bool(): empty strings, lists, dicts, sets, 0 and None are false; other objects are true. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "" || Number.isNaN(v)) return false;
  if (v instanceof SafeString) return v.value !== "";
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return true;
}

/** Python's ==: by value for strings, numbers, lists and dicts. */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a instanceof SafeString) a = a.value;
  if (b instanceof SafeString) b = b.value;
  if (a === b) return true;
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (typeof a === "boolean" && typeof b === "number") return Number(a) === b;
  if (typeof b === "boolean" && typeof a === "number") return Number(b) === a;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && pyEq(a[k], b[k]));
  }
  return a === b;
}

/** Python's `in`: substring, list or set member, dict key. */
export function pyIn(item: unknown, container: unknown): boolean {
  if (item instanceof SafeString) item = item.value;
  if (container instanceof SafeString) container = container.value;
  if (typeof container === "string")
    return typeof item === "string" || item instanceof SafeString ? container.includes(String(item)) : false;
  if (Array.isArray(container)) return container.some((x) => pyEq(x, item));
  if (container instanceof Set || container instanceof Map) return [...container.keys()].some((x) => pyEq(x, item));
  if (isPlainObject(container)) return typeof item === "string" && Object.hasOwn(container, item);
  throw new TypeError("argument is not iterable");
}

/** Python's < on numbers or strings; other pairs cannot be ordered. */
export function pyLess(a: unknown, b: unknown): boolean {
  if (a instanceof SafeString) a = a.value;
  if (b instanceof SafeString) b = b.value;
  const kind = (x: unknown) =>
    typeof x === "number" || typeof x === "boolean" ? "n" : typeof x === "string" ? "s" : x instanceof Date ? "d" : "?";
  if (kind(a) !== kind(b) || kind(a) === "?") throw new TypeError("values cannot be ordered");
  return (a as number) < (b as number);
}

/** What a for loop walks: list items, dict keys, string characters; nothing for None. */
export function pyIter(v: unknown): unknown[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === "string" || v instanceof SafeString) return [...String(v)];
  if (v instanceof Map || v instanceof Set) return [...v.keys()];
  if (isPlainObject(v)) return Object.keys(v);
  if (typeof (v as Iterable<unknown>)[Symbol.iterator] === "function") return [...(v as Iterable<unknown>)];
  throw new TypeError(`'${typeof v}' object is not iterable`);
}

/** Python's len(). */
export function pyLen(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === "string" || Array.isArray(v) || v instanceof SafeString) return v.length;
  if (v instanceof Map || v instanceof Set) return v.size;
  if (isPlainObject(v)) return Object.keys(v).length;
  return 0;
}
