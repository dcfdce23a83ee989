// Filters on values and lists: default, default_if_none, length, length_is, first, last, slice, dictsort,
// random, add, divisibleby, get_digit.

import { Context } from "../context.ts";
import type { Library } from "../library.ts";
import { pyEq, pyIter, pyLen, pyLess, pyStr, truthy } from "../python.ts";
import { SafeString } from "../safe.ts";
import { Variable } from "../variable.ts";

/** Python's int() of a filter's input or argument, or null where Python raises. */
export function pyInt(v: unknown): number | null {
  if (typeof v === "boolean") return Number(v);
  if (typeof v === "number") return Number.isFinite(v) ? Math.trunc(v) : null;
  const s = pyStr(v).trim();
  return /^[-+]?\d+$/.test(s) ? Number(s) : null;
}

function pySlice(value: unknown, spec: string): unknown {
  const seq =
    typeof value === "string" || value instanceof SafeString ? [...String(value)] : Array.isArray(value) ? value : null;
  if (!seq) return value;
  const bits = spec.split(":").map((b) => (b.trim() === "" ? null : pyInt(b)));
  if (bits.length > 3 || bits.some((b, i) => b === null && spec.split(":")[i]!.trim() !== "")) return value;
  const len = seq.length;
  const norm = (i: number | null, fallback: number) =>
    i === null ? fallback : i < 0 ? Math.max(len + i, 0) : Math.min(i, len);
  const [a, b, step] = bits.length === 1 ? [null, bits[0]!, null] : bits;
  let out: unknown[];
  if (step !== null && step !== undefined && step !== 1) {
    out = [];
    if (step > 0) for (let i = norm(a ?? null, 0); i < norm(b ?? null, len); i += step) out.push(seq[i]);
    else
      for (
        let i = a === null || a === undefined ? len - 1 : norm(a, 0);
        i > (b === null || b === undefined ? -1 : norm(b, 0));
        i += step
      )
        out.push(seq[i]);
  } else out = seq.slice(norm(a ?? null, 0), norm(b ?? null, len));
  return Array.isArray(value) ? out : out.join("");
}

function sortBy(value: unknown, key: unknown, reverse: boolean): unknown {
  if (!Array.isArray(value)) return "";
  const path = new Variable(pyStr(key));
  const keyOf = (item: unknown) =>
    path.resolve(new Context(typeof item === "object" && item !== null ? item : {}, null as never, ""));
  try {
    const keyed = value.map((item) => [keyOf(item), item] as const);
    keyed.sort(([a], [b]) => (pyEq(a, b) ? 0 : pyLess(a, b) ? -1 : 1));
    if (reverse) keyed.reverse();
    return keyed.map(([, item]) => item);
  } catch {
    return "";
  }
}

function add(value: unknown, arg: unknown): unknown {
  const a = pyInt(value);
  const b = pyInt(arg);
  if (a !== null && b !== null) return a + b;
  const x = value instanceof SafeString ? value.value : value;
  const y = arg instanceof SafeString ? arg.value : arg;
  if (typeof x === "string" && typeof y === "string") return x + y;
  if (typeof x === "number" && typeof y === "number") return x + y;
  if (Array.isArray(x) && Array.isArray(y)) return [...x, ...y];
  return "";
}

export function listFilters(lib: Library): void {
  lib
    .filter("default", (v: unknown, arg: unknown) => (truthy(v) ? v : arg), { isSafe: false })
    .filter("default_if_none", (v: unknown, arg: unknown) => (v === null || v === undefined ? arg : v))
    .filter("length", (v: unknown) => pyLen(v), { isSafe: false })
    .filter("length_is", (v: unknown, arg: unknown) => (pyInt(arg) === null ? "" : pyLen(v) === pyInt(arg)))
    .filter("first", (v: unknown) => (pyLen(v) ? pyIter(v)[0] : ""), { isSafe: false })
    .filter("last", (v: unknown) => (pyLen(v) ? pyIter(v).at(-1) : ""), { isSafe: true })
    .filter("slice", (v: unknown, arg: unknown) => pySlice(v, pyStr(arg)), { isSafe: true })
    .filter("dictsort", (v: unknown, key: unknown) => sortBy(v, key, false))
    .filter("dictsortreversed", (v: unknown, key: unknown) => sortBy(v, key, true))
    .filter(
      "random",
      (v: unknown) => {
        const items = pyIter(v);
        return items.length ? items[Math.floor(Math.random() * items.length)] : "";
      },
      { isSafe: true },
    )
    .filter("add", add)
    .filter("divisibleby", (v: unknown, arg: unknown) => {
      const a = pyInt(v);
      const b = pyInt(arg);
      return a !== null && b ? a % b === 0 : "";
    })
    .filter(
      "get_digit",
      (v: unknown, arg: unknown) => {
        const n = pyInt(v);
        const digit = pyInt(arg);
        if (n === null || digit === null || digit < 1) return v;
        const s = String(n);
        return digit > s.length ? 0 : Number(s[s.length - digit]);
      },
      { isSafe: false },
    );
}
