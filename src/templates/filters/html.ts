// HTML filters: safe, safeseq, escape, force_escape, striptags, linebreaks, linebreaksbr, linenumbers,
// unordered_list, json_script, join.

import type { FilterInfo, Library } from "../library.ts";
import { pyIter, pyStr } from "../python.ts";
import { conditionalEscape, escapeHtml, isSafe, markSafe, SafeString } from "../safe.ts";
import { jsonScript } from "../json-script.ts";

const escapeUnlessSafe = (value: unknown, info: FilterInfo | undefined, wasSafe: boolean): string =>
  info?.autoescape && !wasSafe ? escapeHtml(pyStr(value)) : pyStr(value);

/** Removes tags, again until none is left (a removed tag may join two halves of another). */
function stripTags(s: string): string {
  let previous: string;
  let out = s;
  do {
    previous = out;
    out = out.replace(/<!--[\s\S]*?-->|<\/?[A-Za-z!?][^<>]*>/g, "");
  } while (out !== previous && /<[A-Za-z!?/]/.test(out));
  return out;
}

function linebreaks(value: string, autoescape: boolean): string {
  const text = value.replace(/\r\n|\r/g, "\n");
  const paragraphs = text.split(/\n{2,}/);
  return paragraphs.map((p) => `<p>${(autoescape ? escapeHtml(p) : p).replace(/\n/g, "<br>")}</p>`).join("\n\n");
}

function unorderedList(value: unknown, autoescape: boolean): string {
  const esc = (v: unknown) => (autoescape ? conditionalEscape(v, pyStr).value : pyStr(v));
  const walk = (items: unknown[], tabs: number): string => {
    const indent = "\t".repeat(tabs);
    const out: string[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      let sub = "";
      if (Array.isArray(items[i + 1])) {
        sub = `\n${indent}<ul>\n${walk(items[i + 1] as unknown[], tabs + 1)}\n${indent}</ul>\n${indent}`;
        i++;
      }
      out.push(`${indent}<li>${esc(item)}${sub}</li>`);
    }
    return out.join("\n");
  };
  return walk(pyIter(value), 1);
}

export function htmlFilters(lib: Library): void {
  lib
    .filter("safe", (v: unknown) => markSafe(pyStr(v)), { isSafe: true })
    .filter("safeseq", (v: unknown) => pyIter(v).map((x) => markSafe(pyStr(x))), { isSafe: true })
    .filter("escape", (v: unknown) => conditionalEscape(v, pyStr), { isSafe: true })
    .filter("force_escape", (v: string) => markSafe(escapeHtml(v)), { stringFilter: true, isSafe: true })
    .filter("striptags", (v: string) => stripTags(v), { stringFilter: true, isSafe: true })
    .filter("linebreaks", (v: unknown, _a, info) => markSafe(linebreaks(pyStr(v), !!info?.autoescape && !isSafe(v))), {
      isSafe: true,
      arg: "none",
    })
    .filter(
      "linebreaksbr",
      (v: string, _a, info) => {
        const text = escapeUnlessSafe(v.replace(/\r\n|\r/g, "\n"), info, !!info?.inputSafe);
        return markSafe(text.replace(/\n/g, "<br>"));
      },
      { stringFilter: true, isSafe: true, arg: "none" },
    )
    .filter(
      "linenumbers",
      (v: string, _a, info) => {
        const lines = v.split("\n");
        const width = String(lines.length).length;
        const escape = info?.autoescape && !info.inputSafe;
        return markSafe(
          lines.map((l, i) => `${String(i + 1).padStart(width, "0")}. ${escape ? escapeHtml(l) : l}`).join("\n"),
        );
      },
      { stringFilter: true, isSafe: true, arg: "none" },
    )
    .filter("unordered_list", (v: unknown, _a, info) => markSafe(unorderedList(v, !!info?.autoescape)), {
      isSafe: true,
      arg: "none",
    })
    .filter(
      "join",
      (v: unknown, sep: unknown, info) => {
        if (!Array.isArray(v)) return v;
        const items = info?.autoescape ? v.map((x) => conditionalEscape(x, pyStr).value) : v.map(pyStr);
        const glue = info?.autoescape ? conditionalEscape(sep, pyStr).value : pyStr(sep);
        return markSafe(items.join(glue));
      },
      { isSafe: true },
    )
    .filter("json_script", (v: unknown, id?: unknown) => new SafeString(jsonScript(v, id)), { arg: "optional" });
}
