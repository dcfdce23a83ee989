// The language in force: per request or socket message (AsyncLocalStorage), else LANGUAGE_CODE; and negotiation.

import { AsyncLocalStorage } from "node:async_hooks";
import { LANGUAGE_ANSWERS_KEPT } from "../constants.ts";
import { catalogCount, catalogLanguages, normalizeLanguage } from "./catalogs.ts";

const active = new AsyncLocalStorage<string>();
let defaultLanguage = "en-us";

/** The project's LANGUAGE_CODE: the language when nothing else chooses one. */
export function setDefaultLanguage(code: string): void {
  defaultLanguage = normalizeLanguage(code);
}

export const getDefaultLanguage = (): string => defaultLanguage;

/** The language of the current request or message (Django's get_language). */
export const activeLanguage = (): string => active.getStore() ?? defaultLanguage;

/** Runs `fn` (and everything it awaits) in a language, as Django's translation.override. */
export function withLanguage<T>(language: string | null | undefined, fn: () => T): T {
  if (!language) return fn();
  // Most messages name the default language, as supportedLanguage answers it: nothing to normalise then.
  const normalized = language === defaultLanguage ? language : normalizeLanguage(language);
  // Outside any override the default is in force already: entering the storage would cost every later await (on
  // Node 20 a first run() turns on promise hooks for the process), so an app in one language never pays for it.
  if (normalized === defaultLanguage && active.getStore() === undefined) return fn();
  return active.run(normalized, fn);
}

/** Languages a request may choose: those with a catalog, and the default. */
export function availableLanguages(): string[] {
  return [...new Set([defaultLanguage, ...catalogLanguages()])];
}

/**
 * Answers of supportedLanguage for the languages available when they were given (every socket message asks, with
 * the same few values); a new catalog or default starts it afresh.
 */
let answers = { available: "", byWanted: new Map<string, string | null>() };

/** The supported language for a wanted one: exact, or by its base ("fr-ca" → "fr"), or none. */
export function supportedLanguage(wanted: string | null | undefined): string | null {
  if (!wanted) return null;
  const available = `${defaultLanguage} ${catalogCount()}`;
  if (answers.available !== available) answers = { available, byWanted: new Map() };
  let answer = answers.byWanted.get(wanted);
  if (answer === undefined) {
    answer = findSupported(wanted);
    if (answers.byWanted.size < LANGUAGE_ANSWERS_KEPT) answers.byWanted.set(wanted, answer);
  }
  return answer;
}

function findSupported(wanted: string): string | null {
  const lang = normalizeLanguage(wanted);
  const available = availableLanguages();
  if (available.includes(lang)) return lang;
  const base = lang.split("-")[0]!;
  return available.find((a) => a === base || a.split("-")[0] === base) ?? null;
}

/** `fr-CH, fr;q=0.9, en;q=0.8` → languages by preference; q=0 means not wanted. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag!.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.tag !== "" && l.tag !== "*" && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}

/** Django's order: the language cookie, then Accept-Language, then LANGUAGE_CODE. */
export function languageForRequest(cookie: string | undefined, acceptLanguage: string | undefined): string {
  const fromCookie = supportedLanguage(cookie);
  if (fromCookie) return fromCookie;
  for (const wanted of parseAcceptLanguage(acceptLanguage)) {
    const found = supportedLanguage(wanted);
    if (found) return found;
  }
  return defaultLanguage;
}
