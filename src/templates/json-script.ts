// Django's |json_script: a value as JSON in <script type="application/json">, for a page's own scripts to read
// (`JSON.parse(document.getElementById(id).textContent)`). Never write a value into script code instead: HTML
// escaping leaves `\`, backquotes and `${` alone, which mean something there.

import { escapeHtml } from "./safe.ts";

/** What could end the <script> element or confuse a parser, written as JSON escapes instead. */
const SCRIPT_ESCAPES: Record<string, string> = {
  "<": "\\u003C",
  ">": "\\u003E",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** JSON as Python's json.dumps writes it: `, ` and `: ` between items, non-ASCII as \u escapes. */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (
    value !== null &&
    typeof value === "object" &&
    !(value instanceof Date) &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function"
  ) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== "function");
    return `{${entries.map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(", ")}}`;
  }
  const json = JSON.stringify(value ?? null) ?? "null";
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function jsonScript(value: unknown, id?: unknown): string {
  const json = pythonJson(value).replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]!);
  const idAttr = id === undefined || id === null || id === "" ? "" : ` id="${escapeHtml(String(id))}"`;
  // Not a classic script: neither the browser nor the client runs it.
  return `<script${idAttr} type="application/json">${json}</script>`;
}
