// Translation catalogs from gettext .po files (locale/<lang>/LC_MESSAGES/*.po), and lookups in a given language.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { po } from "gettext-parser";

interface Catalog {
  /** msgctxt → msgid → translations (one per plural form). */
  messages: Map<string, Map<string, string[]>>;
  plural: (n: number) => number;
}

/** The rule for languages whose catalog says nothing: English's. */
const ENGLISH_PLURAL = (n: number) => (n === 1 ? 0 : 1);
/** A Plural-Forms expression uses only these: n, numbers, C's operators and parentheses. */
const PLURAL_EXPRESSION = /^[n0-9\s()?:<>=!&|%+\-*/]+$/;

/** The plural rule of a catalog's Plural-Forms header, e.g. `nplurals=2; plural=(n > 1);`. */
function pluralRule(header: string | undefined): (n: number) => number {
  const expression = /plural\s*=\s*([^;]+)/.exec(header ?? "")?.[1]?.trim();
  if (!expression || !PLURAL_EXPRESSION.test(expression)) return ENGLISH_PLURAL;
  const rule = new Function("n", `return Number(${expression});`) as (n: number) => number;
  return (n) => rule(Math.abs(Math.trunc(n)));
}

/** "pt_BR", "pt-br" → "pt-br", the form languages are compared in. */
export const normalizeLanguage = (code: string) => code.trim().toLowerCase().replace(/_/g, "-");

const catalogs = new Map<string, Catalog>();

/** Reads every .po file under `localeDir/<lang>/LC_MESSAGES/`; later files override earlier ones. */
export function loadCatalogs(localeDir: string): void {
  if (!existsSync(localeDir)) return;
  for (const lang of readdirSync(localeDir)) {
    const dir = join(localeDir, lang, "LC_MESSAGES");
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".po")))
      addCatalog(lang, readFileSync(join(dir, file)));
  }
}

/** Adds the messages of one .po file to a language's catalog. */
export function addCatalog(language: string, source: Buffer | string): void {
  const parsed = po.parse(source);
  const lang = normalizeLanguage(language);
  const catalog = catalogs.get(lang) ?? { messages: new Map(), plural: pluralRule(parsed.headers["Plural-Forms"]) };
  if (parsed.headers["Plural-Forms"]) catalog.plural = pluralRule(parsed.headers["Plural-Forms"]);
  for (const [context, entries] of Object.entries(parsed.translations)) {
    const byId = catalog.messages.get(context) ?? new Map<string, string[]>();
    for (const [msgid, entry] of Object.entries(entries)) {
      // The header (empty msgid), fuzzy entries and untranslated ones are not translations.
      if (msgid === "" || entry.comments?.flag?.includes("fuzzy") || entry.msgstr.every((s) => s === "")) continue;
      byId.set(msgid, entry.msgstr);
    }
    catalog.messages.set(context, byId);
  }
  catalogs.set(lang, catalog);
}

/** Languages with a catalog. */
export const catalogLanguages = (): string[] => [...catalogs.keys()];

/** How many languages have a catalog (it only grows). */
export const catalogCount = (): number => catalogs.size;

/** The catalog for a language, falling back from "pt-br" to "pt". */
function catalogFor(language: string): Catalog | undefined {
  const lang = normalizeLanguage(language);
  return catalogs.get(lang) ?? catalogs.get(lang.split("-")[0]!);
}

export function pgettext(language: string, context: string, msgid: string): string {
  return catalogFor(language)?.messages.get(context)?.get(msgid)?.[0] || msgid;
}

export function gettext(language: string, msgid: string): string {
  return pgettext(language, "", msgid);
}

export function npgettext(language: string, context: string, singular: string, plural: string, n: number): string {
  const catalog = catalogFor(language);
  const forms = catalog?.messages.get(context)?.get(singular);
  if (!catalog || !forms) return n === 1 ? singular : plural;
  return forms[catalog.plural(n)] || (n === 1 ? singular : plural);
}

export function ngettext(language: string, singular: string, plural: string, n: number): string {
  return npgettext(language, "", singular, plural, n);
}
