// JSON values: the only thing a session stores, and the shape of every wire message.

import { camelToSnake } from "./protocol.ts";
import { LiveViewError } from "./errors.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Throws a clear error when `value` would not survive a JSON round trip unchanged. */
export function assertJson(value: unknown, where: string): asserts value is Json {
  const problem = findProblem(value, where, new Set());
  if (problem)
    throw new LiveViewError(
      "not_json_serialisable",
      `${problem}; session values must be JSON (strings, numbers, booleans, null, arrays, plain objects)`,
    );
}

function findProblem(value: unknown, path: string, seen: Set<object>): string | null {
  if (value === null || typeof value === "string" || typeof value === "boolean") return null;
  if (typeof value === "number") return Number.isFinite(value) ? null : `${path} is ${value}, which JSON cannot hold`;
  if (typeof value !== "object") return `${path} is a ${typeof value}`;
  if (seen.has(value)) return `${path} refers to itself`;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const p = findProblem(value[i], `${path}[${i}]`, seen);
        if (p) return p;
      }
      return null;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      return `${path} is a ${proto?.constructor?.name ?? "class instance"}, not a plain object`;
    for (const [k, v] of Object.entries(value)) {
      const p = findProblem(v, `${path}.${k}`, seen);
      if (p) return p;
    }
    return null;
  } finally {
    seen.delete(value);
  }
}

/** Converts every object key, recursively, from camelCase to snake_case (as django-liveview does before dispatch). */
export function snakeKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(snakeKeys);
  const out: Record<string, unknown> = {};
  const object = value as Record<string, unknown>;
  for (const k of Object.keys(object)) setOwn(out, camelToSnake(k), snakeKeys(object[k]));
  return out;
}

/**
 * `target[key] = value`, except that a key named `__proto__` becomes an ordinary property holding the value: an
 * assignment would make the value the object's prototype, letting a client's message fake inherited fields.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
