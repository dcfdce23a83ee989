// Template errors that say where: the template, the line and the construct, with the Django name a user may mean.

export class TemplateSyntaxError extends Error {
  override name = "TemplateSyntaxError";
  constructor(
    message: string,
    readonly template?: string,
    readonly line?: number,
  ) {
    super(template !== undefined ? `${message} (${template}, line ${line ?? "?"})` : message);
  }
}

export class TemplateDoesNotExist extends Error {
  override name = "TemplateDoesNotExist";
  constructor(
    readonly template: string,
    readonly tried: string[],
    /** The tag that asked for it, e.g. "{% include %} in page.html, line 3". */
    readonly from?: string,
  ) {
    const where = tried.length ? ` (looked in ${tried.join(", ")})` : " (no template directories)";
    super(`template not found: ${template}${where}${from ? `, asked for by ${from}` : ""}`);
  }
}

/** Names from other template languages (LiquidJS, Jinja) and what Django calls the same thing. */
const DJANGO_NAMES: Record<string, string> = {
  layout: "extends",
  endunless: "endif",
  unless: "if not",
  elsif: "elif",
  elseif: "elif",
  assign: "with",
  capture: "with … as (or blocktranslate asvar)",
  echo: "{{ value }}",
  raw: "verbatim (as a tag) or safe (as a filter)",
  upcase: "upper",
  downcase: "lower",
  capitalize: "capfirst",
  append: "add",
  strip_html: "striptags",
  newline_to_br: "linebreaksbr",
  size: "length",
  truncate: "truncatechars",
  e: "escape",
  trim: "cut or a custom filter",
  date_format: "date",
  url_encode: "urlencode",
  escape_once: "escape",
  json: "json_script",
  tojson: "json_script",
  endtrans: "endblocktranslate",
  i18n: "load i18n",
};

/** Levenshtein distance, to suggest a known name close to a mistyped one. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

/** Typos further than this from every known name get no guess. */
const MAX_TYPO_DISTANCE = 2;

export function suggestion(name: string, known: Iterable<string>): string {
  const django = DJANGO_NAMES[name];
  if (django) return `; Django's name for it is '${django}'`;
  let best: string | undefined;
  let bestDistance = MAX_TYPO_DISTANCE + 1;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best ? `; did you mean '${best}'?` : "";
}
