// |truncatechars_html and |truncatewords_html: cut HTML after so many characters or words of its text, and close
// the elements left open, as Django's Truncator does.

import type { Library } from "../library.ts";

const WORD_OR_TAG = /<[^>]+?>|([^<>\s]+)/gsu;
const CHAR_OR_TAG = /<[^>]+?>|(.)/gsu;
const TAG = /^<(\/)?(\S+?)(?:(\s*\/)|\s.*?)?>/su;
/** Elements without an end tag in HTML 4, which Django's truncation never closes. */
const VOID_ELEMENTS = new Set(["br", "col", "link", "base", "img", "param", "area", "hr", "input"]);

function truncateHtml(text: string, length: number, truncateLength: number, words: boolean, ending: string): string {
  if (words && length <= 0) return "";
  const pattern = new RegExp((words ? WORD_OR_TAG : CHAR_OR_TAG).source, "gsu");
  let endTextPos = 0;
  let count = 0;
  let open: string[] = [];
  while (count <= length) {
    const m = pattern.exec(text);
    if (!m) break;
    if (m[1]) {
      count++;
      if (count === truncateLength) endTextPos = pattern.lastIndex;
      continue;
    }
    const tag = TAG.exec(m[0]);
    if (!tag || count >= truncateLength) continue;
    const [, closing, rawName, selfClosing] = tag;
    const name = rawName!.toLowerCase();
    if (selfClosing || VOID_ELEMENTS.has(name)) continue;
    if (closing) {
      // An end tag also closes the elements opened after its own start tag.
      const i = open.indexOf(name);
      if (i !== -1) open = open.slice(i + 1);
    } else open.unshift(name);
  }
  if (count <= length) return text;
  return text.slice(0, endTextPos) + ending + open.map((t) => `</${t}>`).join("");
}

const ELLIPSIS = "…";
const toLength = (arg: unknown) => (Number.isInteger(Number(arg)) ? Number(arg) : null);

export function truncateHtmlFilters(lib: Library): void {
  const options = { stringFilter: true, isSafe: true } as const;
  lib
    .filter(
      "truncatechars_html",
      (s: string, n: unknown) => {
        const length = toLength(n);
        return length === null
          ? s
          : truncateHtml(s.normalize("NFC"), length, length - ELLIPSIS.length, false, ELLIPSIS);
      },
      options,
    )
    .filter(
      "truncatewords_html",
      (s: string, n: unknown) => {
        const length = toLength(n);
        return length === null ? s : truncateHtml(s, length, length, true, ` ${ELLIPSIS}`);
      },
      options,
    );
}
