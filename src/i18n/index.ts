// Translation for code: gettext() and friends in the language of the current request or socket message.

import * as catalogs from "./catalogs.ts";
import { activeLanguage } from "./language.ts";

export { addCatalog, loadCatalogs } from "./catalogs.ts";
export { activeLanguage, languageForRequest, setDefaultLanguage, withLanguage } from "./language.ts";

export const gettext = (msgid: string): string => catalogs.gettext(activeLanguage(), msgid);
export const pgettext = (context: string, msgid: string): string => catalogs.pgettext(activeLanguage(), context, msgid);
export const ngettext = (singular: string, plural: string, n: number): string =>
  catalogs.ngettext(activeLanguage(), singular, plural, n);
export const npgettext = (context: string, singular: string, plural: string, n: number): string =>
  catalogs.npgettext(activeLanguage(), context, singular, plural, n);

/** Python's `%` formatting of a translation: `%(name)s` from `values`, `%s` in order, `%%` as `%`. */
export function interpolate(format: string, values: Record<string, unknown> | unknown[]): string {
  let position = 0;
  return format.replace(/%\((\w+)\)[sd]|%[sd]|%%/g, (m, name: string | undefined) => {
    if (m === "%%") return "%";
    const value = Array.isArray(values) ? values[position++] : name !== undefined ? values[name] : undefined;
    if (value === undefined) throw new RangeError(`no value for ${m} in "${format}"`);
    return String(value);
  });
}
