// Django's date format characters (`|date:"D, j M Y"`, `{% now %}`), for a Date read in UTC.

export const DATE_FORMAT = "N j, Y";
export const DATETIME_FORMAT = "N j, Y, P";
export const TIME_FORMAT = "P";
/** The format names `|date` accepts in place of a format, and Django's (English) values for them. */
export const NAMED_FORMATS: Record<string, string> = {
  DATE_FORMAT,
  DATETIME_FORMAT,
  TIME_FORMAT,
  SHORT_DATE_FORMAT: "m/d/Y",
  SHORT_DATETIME_FORMAT: "m/d/Y P",
  YEAR_MONTH_FORMAT: "F Y",
  MONTH_DAY_FORMAT: "F j",
};

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
/** Associated Press abbreviations, which Django's `N` uses. */
const MONTHS_AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MS_PER_DAY = 86_400_000;
const NOON = 12;
const MICROSECONDS_PER_MS = 1000;
const TWO_DIGIT_YEAR = 100;
const THURSDAY = 4;
const DAYS_PER_WEEK = 7;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const hour12 = (d: Date) => d.getUTCHours() % NOON || NOON;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function ordinal(day: number): string {
  if (day === 11 || day === 12 || day === 13) return "th";
  return ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[day % 10] ?? "th";
}

/** Hours, and minutes only when not zero: "1", "1:30". */
const fTime = (d: Date) => (d.getUTCMinutes() === 0 ? String(hour12(d)) : `${hour12(d)}:${pad(d.getUTCMinutes())}`);

function dayOfYear(d: Date): number {
  return (
    Math.floor(
      (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / MS_PER_DAY,
    ) + 1
  );
}

/** The ISO 8601 week number and its year. */
function isoWeek(d: Date): [number, number] {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || DAYS_PER_WEEK;
  t.setUTCDate(t.getUTCDate() + THURSDAY - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return [Math.ceil(((t.getTime() - yearStart) / MS_PER_DAY + 1) / DAYS_PER_WEEK), t.getUTCFullYear()];
}

const FORMATTERS: Record<string, (d: Date) => string> = {
  a: (d) => (d.getUTCHours() < NOON ? "a.m." : "p.m."),
  A: (d) => (d.getUTCHours() < NOON ? "AM" : "PM"),
  b: (d) => MONTHS[d.getUTCMonth()]!.slice(0, 3).toLowerCase(),
  c: (d) =>
    d
      .toISOString()
      .replace(/\.000Z$/, "")
      .replace(/Z$/, ""),
  d: (d) => pad(d.getUTCDate()),
  D: (d) => DAYS[d.getUTCDay()]!.slice(0, 3),
  E: (d) => MONTHS[d.getUTCMonth()]!,
  f: fTime,
  F: (d) => MONTHS[d.getUTCMonth()]!,
  g: (d) => String(hour12(d)),
  G: (d) => String(d.getUTCHours()),
  h: (d) => pad(hour12(d)),
  H: (d) => pad(d.getUTCHours()),
  i: (d) => pad(d.getUTCMinutes()),
  j: (d) => String(d.getUTCDate()),
  l: (d) => DAYS[d.getUTCDay()]!,
  L: (d) => (isLeap(d.getUTCFullYear()) ? "True" : "False"),
  m: (d) => pad(d.getUTCMonth() + 1),
  M: (d) => MONTHS[d.getUTCMonth()]!.slice(0, 3),
  n: (d) => String(d.getUTCMonth() + 1),
  N: (d) => MONTHS_AP[d.getUTCMonth()]!,
  o: (d) => String(isoWeek(d)[1]),
  P: (d) => {
    if (d.getUTCMinutes() === 0 && d.getUTCHours() === 0) return "midnight";
    if (d.getUTCMinutes() === 0 && d.getUTCHours() === NOON) return "noon";
    return `${fTime(d)} ${d.getUTCHours() < NOON ? "a.m." : "p.m."}`;
  },
  s: (d) => pad(d.getUTCSeconds()),
  S: (d) => ordinal(d.getUTCDate()),
  t: (d) => String(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()),
  u: (d) => pad(d.getUTCMilliseconds() * MICROSECONDS_PER_MS, 6),
  U: (d) => String(Math.floor(d.getTime() / MICROSECONDS_PER_MS)),
  w: (d) => String(d.getUTCDay()),
  W: (d) => String(isoWeek(d)[0]),
  y: (d) => pad(d.getUTCFullYear() % TWO_DIGIT_YEAR),
  Y: (d) => String(d.getUTCFullYear()),
  z: (d) => String(dayOfYear(d)),
  // Dates carry no time zone here: the zone characters write what Django writes for a naive datetime.
  e: () => "",
  I: () => "",
  O: () => "",
  T: () => "",
  Z: () => "",
};

/** Formats a date; a backslash makes the next character literal, other characters are copied. */
export function formatDate(date: Date, format: string): string {
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === "\\") {
      if (i + 1 < format.length) out += format[++i];
      continue;
    }
    const f = FORMATTERS[c];
    out += f ? f(date) : c;
  }
  return out;
}

/** A value the date filters accept: a valid Date (Django takes only dates and datetimes too). */
export function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  return null;
}
