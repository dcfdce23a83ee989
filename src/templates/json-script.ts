// Django's |json_script: a value as JSON in <script type="application/json">, for a page's own scripts to read
// (`JSON.parse(document.getElementById(id).textContent)`). Never write a value into script code instead: HTML
// escaping leaves `\`, backquotes and `${` alone, which mean something there.

import type { Liquid } from "liquidjs";

/** What could end the <script> element or confuse a parser, written as JSON escapes instead. */
const SCRIPT_ESCAPES: Record<string, string> = { "<": "\\u003C", ">": "\\u003E", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029" };
const ATTR_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function jsonScript(value: unknown, id?: unknown): string {
  const json = JSON.stringify(value ?? null).replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]!);
  const idAttr = id === undefined || id === null ? "" : ` id="${String(id).replace(/[&<>"']/g, (c) => ATTR_ESCAPES[c]!)}"`;
  // Not a classic script: neither the browser nor the client runs it.
  return `<script${idAttr} type="application/json">${json}</script>`;
}

export function registerJsonScript(liquid: Liquid): void {
  liquid.registerFilter("json_script", { handler: jsonScript, raw: true });
}
