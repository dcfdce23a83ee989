// Number and date filters: floatformat, filesizeformat, date and time (Django's format characters).

import { DATE_FORMAT, formatDate, NAMED_FORMATS, TIME_FORMAT, toDate } from "../date-format.ts";
import { gettext, ngettext } from "../../i18n/catalogs.ts";
import type { FilterInfo, Library } from "../library.ts";
import { pyStr } from "../python.ts";
import { pyInt } from "./lists.ts";

const DEFAULT_FLOAT_PRECISION = -1;
const BYTES_PER_KB = 1024;
/** Django's message ids for each unit, so a catalog translates them as Django's own does ("%s KB" is "%s Kio" in French). */
const SIZE_UNITS = ["%s KB", "%s MB", "%s GB", "%s TB", "%s PB"];

/** Rounds a decimal string half away from zero to `places` digits, on its digits (not binary floats). */
function roundDecimal(text: string, places: number): string {
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = text.replace(/^[-+]/, "").split(".");
  const digits = (whole + fraction.padEnd(places, "0").slice(0, places)).split("").map(Number);
  if (Number(fraction[places] ?? 0) >= 5) {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === 9) digits[i--] = 0;
    if (i >= 0) digits[i]!++;
    else digits.unshift(1);
  }
  const all = digits.join("");
  const intPart = all.slice(0, all.length - places).replace(/^0+(?=\d)/, "") || "0";
  const out = places > 0 ? `${intPart}.${all.slice(all.length - places)}` : intPart;
  return negative && /[1-9]/.test(out) ? `-${out}` : out;
}

/** A number as a plain decimal string, without exponent. */
function decimalText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, "");
}

function floatformat(value: unknown, arg: unknown = DEFAULT_FLOAT_PRECISION): string {
  const n = typeof value === "number" ? value : Number(pyStr(value).trim() === "" ? NaN : pyStr(value));
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "" : pyStr(value);
  let spec = pyStr(arg);
  // "g" asks for thousands grouping, which Django's default settings (no localisation) leave out.
  if (spec.endsWith("g")) spec = spec.slice(0, -1);
  const p = pyInt(spec);
  if (p === null) return pyStr(value);
  const text = decimalText(n);
  let out: string;
  if (p < 0 && Number.isInteger(n)) out = String(Math.trunc(n));
  else out = roundDecimal(text, Math.abs(p));
  if (p < 0 && /\.0+$/.test(out)) out = out.replace(/\.0+$/, "");
  return out;
}

function filesizeformat(value: unknown, _arg: unknown, info?: FilterInfo): string {
  const language = info?.context.language ?? "";
  const bytes = typeof value === "number" ? value : Number(pyStr(value));
  const count = (n: number) => ngettext(language, "%(size)d byte", "%(size)d bytes", n).replace("%(size)d", String(n));
  if (!Number.isFinite(bytes)) return count(0).replace(/ /g, "\u00a0");
  const negative = bytes < 0;
  let size = Math.abs(bytes);
  let out: string;
  if (size < BYTES_PER_KB) out = count(Math.trunc(size));
  else {
    let unit = -1;
    while (size >= BYTES_PER_KB && unit < SIZE_UNITS.length - 1) {
      size /= BYTES_PER_KB;
      unit++;
    }
    out = gettext(language, SIZE_UNITS[unit]!).replace("%s", floatformat(size, 1));
  }
  // Django keeps the number and its unit together: every space becomes a no-break space.
  out = out.replace(/ /g, "\u00a0");
  return negative ? `-${out}` : out;
}

function dateFilter(fallback: string) {
  return (value: unknown, arg?: unknown): string => {
    if (value === null || value === undefined || value === "") return "";
    const date = toDate(value);
    if (!date) return "";
    const format = arg === undefined || arg === null ? fallback : pyStr(arg);
    return formatDate(date, NAMED_FORMATS[format] ?? format);
  };
}

export function numberFilters(lib: Library): void {
  lib
    .filter("floatformat", floatformat, { isSafe: true, arg: "optional" })
    .filter("filesizeformat", filesizeformat, { isSafe: true, arg: "none" })
    .filter("date", dateFilter(DATE_FORMAT), { isSafe: false, arg: "optional" })
    .filter("time", dateFilter(TIME_FORMAT), { isSafe: false, arg: "optional" });
}
