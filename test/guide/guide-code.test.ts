// The guide's code is the examples' code: every fenced block that names its file (`<!-- code: path -->` on the line
// before it, or `file=path` after the fence's language) is found, as it stands, in that file, and the files are ones
// the tests run. On the pages checked here, every block of code names its file.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const GUIDE = join(ROOT, "docs/guide");
const MARKER = /^<!-- code: (\S+) -->$/;
/** A fence's opening line: its language, then maybe more words (`file=path` names the block's file). */
const FENCE = /^```(\w*)(?:\s+(.*))?$/;
const FILE_WORD = /(?:^|\s)file=(\S+)/;
/** Languages that are code from a file; a `sh` block is a command to type, and `text` is output. */
const CODE_LANGUAGES = new Set(["ts", "js", "html", "css"]);
/**
 * Pages with blocks that are not from a file the tests run: shortened excerpts of the demo's code (forms,
 * session-state, templates), a Playwright Test fixture (testing: that runner is not installed here), a storage
 * sketch for S3 (uploads). Their blocks are checked when they name a file, and are not all required to.
 */
const EXCERPT_PAGES = new Set(["forms.md", "session-state.md", "templates.md", "testing.md", "uploads.md"]);

interface Block {
  page: string;
  line: number;
  language: string;
  source: string | null;
  text: string;
}

function blocks(page: string): Block[] {
  const lines = readFileSync(join(GUIDE, page), "utf8").split("\n");
  const found: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const end = lines.indexOf("```", i + 1);
    const named = MARKER.exec(lines[i - 1] ?? "") ?? FILE_WORD.exec(open[2] ?? "");
    found.push({
      page,
      line: i + 1,
      language: open[1]!,
      source: named ? named[1]! : null,
      text: lines.slice(i + 1, end).join("\n"),
    });
    i = end;
  }
  return found;
}

const pages = readdirSync(GUIDE).filter((f) => f.endsWith(".md"));
const all = pages.flatMap(blocks);

describe("the guide's code", () => {
  it.each(all.filter((b) => b.source !== null).map((b) => [`${b.page}:${b.line} (${b.source})`, b] as const))(
    "%s is in its file as it stands",
    (_, block) => {
      const file = join(ROOT, block.source!);
      expect(existsSync(file), `${block.source} does not exist`).toBe(true);
      expect(readFileSync(file, "utf8")).toContain(block.text);
    },
  );

  it("names a file for every block of code on the pages that follow the rule", () => {
    const unnamed = all
      .filter((b) => !EXCERPT_PAGES.has(b.page) && CODE_LANGUAGES.has(b.language) && b.source === null)
      .map((b) => `${b.page}:${b.line}`);
    expect(unnamed).toEqual([]);
  });

  it("takes code only from files a test runs: the examples and the generated app", () => {
    const sources = new Set(all.flatMap((b) => (b.source ? [b.source] : [])));
    const outside = [...sources].filter((s) => !/^(examples\/(demo|guide|testing)|scaffold)\//.test(s));
    expect(outside).toEqual([]);
  });
});
