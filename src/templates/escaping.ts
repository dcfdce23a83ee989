// Autoescaping: every `{{ value }}` (and `{% echo %}`, `{% cycle %}`) is HTML-escaped unless its last filter is
// `|safe`. Escaping makes a value text wherever HTML is parsed, including quoted attributes; it does not make a
// value safe inside a <script>, in an unquoted attribute, or as a URL (`javascript:`).

import type { Liquid } from "liquidjs";

/** LiquidJS's escape: & < > " ' become entities. */
export const OUTPUT_ESCAPE = "escape";

/**
 * LiquidJS has a second way out of escaping, `|raw`; with it gone, `|safe` is the only one, and searching the
 * templates for "|safe" finds every value written unescaped. A template that still says `|raw` fails to parse.
 */
export function keepOneWayOut(liquid: Liquid): void {
  delete liquid.filters.raw;
}
