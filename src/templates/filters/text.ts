// String filters: case, padding, truncation, slugs, quoting, plurals and yes/no.

import { Library } from "../library.ts";
import { pyLen, pyStr, truthy } from "../python.ts";
import { isSafe, markSafe } from "../safe.ts";

const TRUNCATION = "…";
const str = { stringFilter: true } as const;
const safeStr = { stringFilter: true, isSafe: true } as const;

/** Python's str.title(), then Django's fixes for apostrophes and digits. */
function title(s: string): string {
  const t = s.replace(/\p{L}+/gu, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase());
  return t.replace(/([a-z])'([A-Z])/g, (m) => m.toLowerCase()).replace(/\d([A-Z])/g, (m) => m.toLowerCase());
}

/** Python's str.center(): the odd space goes left when the width is odd. */
function center(s: string, width: number): string {
  const margin = width - s.length;
  if (margin <= 0) return s;
  const left = Math.floor(margin / 2) + (margin & width & 1);
  return " ".repeat(left) + s + " ".repeat(margin - left);
}

function truncateChars(s: string, length: number): string {
  const text = s.normalize("NFC");
  if ([...text].length <= length) return text;
  return [...text].slice(0, Math.max(length - 1, 0)).join("") + TRUNCATION;
}

function truncateWords(s: string, length: number): string {
  const words = s.split(/\s+/).filter(Boolean);
  if (words.length <= length) return words.join(" ");
  return `${words.slice(0, length).join(" ")} ${TRUNCATION}`;
}

const toInt = (arg: unknown): number | null => {
  const n = typeof arg === "number" ? arg : /^\s*[-+]?\d+\s*$/.test(pyStr(arg)) ? Number(pyStr(arg)) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : null;
};

/** Characters Python's urllib.parse.quote never encodes. */
const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;

function urlencode(s: string, safe = "/"): string {
  let out = "";
  for (const ch of s) {
    if (ALWAYS_SAFE.test(ch) || safe.includes(ch)) out += ch;
    else for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const JS_ESCAPES: Record<string, string> = {
  "\\": "\\u005C",
  "'": "\\u0027",
  '"': "\\u0022",
  ">": "\\u003E",
  "<": "\\u003C",
  "&": "\\u0026",
  "=": "\\u003D",
  "-": "\\u002D",
  ";": "\\u003B",
  "`": "\\u0060",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};
const CONTROL_CHARS = 32;

// eslint-disable-next-line no-control-regex -- control characters are what escapejs escapes
const JS_UNSAFE = /[\\'"><&=\-;`\u2028\u2029\u0000-\u001f]/g;
// eslint-disable-next-line no-control-regex -- everything outside ASCII goes
const NON_ASCII = /[^\x00-\x7f]/g;

function escapeJs(s: string): string {
  return s.replace(
    JS_UNSAFE,
    (c) =>
      JS_ESCAPES[c] ??
      (c.charCodeAt(0) < CONTROL_CHARS ? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : c),
  );
}

function pluralize(value: unknown, arg: unknown = "s"): string {
  let suffixes = pyStr(arg);
  if (!suffixes.includes(",")) suffixes = `,${suffixes}`;
  const bits = suffixes.split(",");
  if (bits.length > 2) return "";
  const [singular, plural] = bits as [string, string];
  if (typeof value === "number" || typeof value === "boolean") return Number(value) === 1 ? singular : plural;
  if (typeof value === "string" || isSafe(value)) {
    const n = String(value).trim() === "" ? NaN : Number(String(value));
    return Number.isNaN(n) ? "" : n === 1 ? singular : plural;
  }
  if (Array.isArray(value) || (typeof value === "object" && value !== null))
    return pyLen(value) === 1 ? singular : plural;
  return "";
}

function yesno(value: unknown, arg: unknown = "yes,no,maybe"): unknown {
  const bits = pyStr(arg).split(",");
  if (bits.length < 2) return value;
  if (bits.length > 3) return value;
  const [yes, no, maybe = bits[1]!] = bits as [string, string, string?];
  if (value === null || value === undefined) return maybe;
  return truthy(value) ? yes : no;
}

/** Django's wrap(): lines broken at spaces to at most `width` characters; longer words are left whole. */
function wordwrap(text: string, width: number): string {
  let out = "";
  for (const original of text.split(/(?<=\n)/)) {
    let line = original;
    const maxWidth = () => Math.min(line.endsWith("\n") ? width + 1 : width, width);
    while (line.length > maxWidth()) {
      let space = line.slice(0, maxWidth() + 1).lastIndexOf(" ") + 1;
      if (space === 0) space = line.indexOf(" ") + 1;
      if (space === 0) break;
      out += `${line.slice(0, space - 1)}\n`;
      line = line.slice(space);
    }
    out += line;
  }
  return out;
}

const PHONE_KEYS: Record<string, string> = Object.fromEntries(
  ["abc", "def", "ghi", "jkl", "mno", "pqrs", "tuv", "wxyz"].flatMap((letters, i) =>
    [...letters].map((l) => [l, String(i + 2)]),
  ),
);

export function textFilters(lib: Library): void {
  lib
    .filter("upper", (s: string) => s.toUpperCase(), str)
    .filter("lower", (s: string) => s.toLowerCase(), safeStr)
    .filter("title", title, safeStr)
    .filter("capfirst", (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s), safeStr)
    .filter("center", (s: string, w: unknown) => center(s, toInt(w) ?? 0), safeStr)
    .filter("ljust", (s: string, w: unknown) => s.padEnd(toInt(w) ?? 0), safeStr)
    .filter("rjust", (s: string, w: unknown) => s.padStart(toInt(w) ?? 0), safeStr)
    .filter(
      "cut",
      (s: string, arg: unknown, info) => {
        const out = s.split(pyStr(arg)).join("");
        return info?.inputSafe && pyStr(arg) !== ";" ? markSafe(out) : out;
      },
      str,
    )
    .filter("addslashes", (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/'/g, "\\'"), safeStr)
    .filter("truncatechars", (s: string, n: unknown) => (toInt(n) === null ? s : truncateChars(s, toInt(n)!)), safeStr)
    .filter("truncatewords", (s: string, n: unknown) => (toInt(n) === null ? s : truncateWords(s, toInt(n)!)), safeStr)
    .filter("wordcount", (s: string) => s.split(/\s+/).filter(Boolean).length, str)
    .filter(
      "slugify",
      (s: string) =>
        s
          .normalize("NFKD")
          .replace(NON_ASCII, "")
          .toLowerCase()
          .replace(/[^\w\s-]/g, "")
          .trim()
          .replace(/[-\s]+/g, "-"),
      safeStr,
    )
    .filter("urlencode", (s: string, safe?: unknown) => urlencode(s, safe === undefined ? "/" : pyStr(safe)), {
      ...safeStr,
      arg: "optional",
    })
    .filter("iriencode", (s: string) => urlencode(s, "/#%[]=:;$&()+,!?*@'~").replace(/%25/g, "%"), safeStr)
    .filter("escapejs", (s: string) => markSafe(escapeJs(s)), str)
    .filter("make_list", (s: string) => [...s], str)
    .filter("wordwrap", (s: string, w: unknown) => wordwrap(s, toInt(w) ?? 0), safeStr)
    .filter("phone2numeric", (v: unknown) => [...pyStr(v).toLowerCase()].map((c) => PHONE_KEYS[c] ?? c).join(""), {
      isSafe: true,
    })
    .filter("pluralize", pluralize, { isSafe: false, arg: "optional" })
    .filter("yesno", yesno, { arg: "optional" })
    .filter("stringformat", (value: unknown, arg: unknown) => stringFormat(value, pyStr(arg)), { isSafe: true });
}

/** Python's `"%<arg>" % value` for the common conversions: s, d, i, f with precision, x, X, o, e. */
function stringFormat(value: unknown, spec: string): string {
  const m = /^([-+ 0#]*)(\d*)(?:\.(\d+))?([sdifxXoeE])$/.exec(spec);
  if (!m) return "";
  const [, flags = "", width = "", precision, kind] = m;
  let out: string;
  const n = Number(value);
  if (kind === "s") out = pyStr(value);
  else if (Number.isNaN(n)) return "";
  else if (kind === "d" || kind === "i") out = String(Math.trunc(n));
  else if (kind === "f") out = n.toFixed(precision === undefined ? 6 : Number(precision));
  else if (kind === "e" || kind === "E") {
    out = n.toExponential(precision === undefined ? 6 : Number(precision)).replace(/e([+-])(\d)$/, "e$10$2");
    if (kind === "E") out = out.toUpperCase();
  } else {
    const digits = Math.trunc(n).toString(kind === "o" ? 8 : 16);
    out = kind === "X" ? digits.toUpperCase() : digits.toLowerCase();
  }
  if (flags.includes("+") && n >= 0 && kind !== "s") out = `+${out}`;
  const w = Number(width || 0);
  return flags.includes("-") ? out.padEnd(w) : out.padStart(w, flags.includes("0") && kind !== "s" ? "0" : " ");
}
