// |timesince and |timeuntil: the time between two dates in words ("2 weeks, 3 days"), as Django counts it.

import { gettext, ngettext } from "../../i18n/catalogs.ts";
import { toDate } from "../date-format.ts";
import type { FilterInfo, Library } from "../library.ts";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Django's units: a month is 30 days and a year 365, after leap days are taken out. */
const CHUNKS: [number, string, string][] = [
  [365 * DAY, "%d year", "%d years"],
  [30 * DAY, "%d month", "%d months"],
  [7 * DAY, "%d week", "%d weeks"],
  [DAY, "%d day", "%d days"],
  [HOUR, "%d hour", "%d hours"],
  [MINUTE, "%d minute", "%d minutes"],
];
/** Adjacent units shown: "1 year, 3 months", never "1 year, 5 days". */
const DEPTH = 2;
const MS_PER_SECOND = 1000;
const NO_BREAK_SPACE = "\u00a0";

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** Python's calendar.leapdays: leap years in [from, to). */
const leapYears = (from: number, to: number) => {
  const before = (y: number) => Math.floor((y - 1) / 4) - Math.floor((y - 1) / 100) + Math.floor((y - 1) / 400);
  return before(to) - before(from);
};

function words(language: string, singular: string, plural: string, n: number): string {
  return ngettext(language, singular, plural, n).replace("%d", String(n)).replace(/ /g, NO_BREAK_SPACE);
}

export function timeSince(from: Date, to: Date, language: string): string {
  let leapdays = leapYears(from.getUTCFullYear(), to.getUTCFullYear());
  if (leapdays !== 0) {
    if (isLeap(from.getUTCFullYear())) leapdays -= 1;
    else if (isLeap(to.getUTCFullYear())) leapdays += 1;
  }
  let since = Math.floor((to.getTime() - from.getTime()) / MS_PER_SECOND) - leapdays * DAY;
  const zero = words(language, "%d minute", "%d minutes", 0);
  if (since <= 0) return zero;
  let i = CHUNKS.findIndex(([seconds]) => Math.floor(since / seconds) !== 0);
  if (i === -1) return zero;
  const parts: string[] = [];
  for (; i < CHUNKS.length && parts.length < DEPTH; i++) {
    const [seconds, singular, plural] = CHUNKS[i]!;
    const count = Math.floor(since / seconds);
    if (count === 0) break;
    parts.push(words(language, singular, plural, count));
    since -= seconds * count;
  }
  return parts.join(gettext(language, ", "));
}

function filter(reversed: boolean) {
  return (value: unknown, arg: unknown, info?: FilterInfo): string => {
    const date = toDate(value);
    if (!date) return "";
    const other = arg === undefined || arg === null || arg === "" ? new Date() : toDate(arg);
    if (!other) return "";
    const language = info?.context.language ?? "";
    return reversed ? timeSince(other, date, language) : timeSince(date, other, language);
  };
}

export function timeSinceFilters(lib: Library): void {
  lib
    .filter("timesince", filter(false), { isSafe: false, arg: "optional" })
    .filter("timeuntil", filter(true), { isSafe: false, arg: "optional" });
}
