// The lexer: template source into text, {{ variable }}, {% block %} and {# comment #} tokens, each with its line.

export type TokenKind = "text" | "var" | "block" | "comment";

export interface Token {
  kind: TokenKind;
  /** For tags and variables, the inside without the delimiters, trimmed; for text, the text. */
  contents: string;
  line: number;
}

/** Django's tag pattern: a tag, variable or comment never spans lines. */
const TAG_RE = /({%.*?%}|{{.*?}}|{#.*?#})/g;
const DELIMITER_LENGTH = 2;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let verbatimEnd: string | null = null;
  const pieces = source.split(TAG_RE);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (piece === "") continue;
    const inTag = i % 2 === 1;
    tokens.push(makeToken(piece, inTag, line));
    line += countNewlines(piece);
  }
  return tokens;

  function makeToken(piece: string, inTag: boolean, at: number): Token {
    if (!inTag) return { kind: "text", contents: piece, line: at };
    const start = piece.slice(0, DELIMITER_LENGTH);
    const inside = piece.slice(DELIMITER_LENGTH, -DELIMITER_LENGTH).trim();
    if (start === "{%") {
      if (verbatimEnd !== null) {
        if (inside !== verbatimEnd) return { kind: "text", contents: piece, line: at };
        verbatimEnd = null;
      } else if (inside === "verbatim" || inside.startsWith("verbatim ")) {
        verbatimEnd = `end${inside}`;
      }
      return { kind: "block", contents: inside, line: at };
    }
    if (verbatimEnd !== null) return { kind: "text", contents: piece, line: at };
    return { kind: start === "{{" ? "var" : "comment", contents: inside, line: at };
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/** Django's smart_split: words, keeping quoted strings (with their quotes) and `_("…")` whole. */
const SPLIT_RE = /((?:[^\s'"]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')[^\s'"]*)+)|\S+)/g;

export function splitContents(contents: string): string[] {
  const bits = contents.match(SPLIT_RE) ?? [];
  const out: string[] = [];
  for (let i = 0; i < bits.length; i++) {
    let bit = bits[i]!;
    // `_("a b")` was split at the space: join it up again.
    if (bit.startsWith('_("') || bit.startsWith("_('")) {
      const end = `${bit[2]})`;
      while (!bit.endsWith(end) && i + 1 < bits.length) bit += ` ${bits[++i]}`;
    }
    out.push(bit);
  }
  return out;
}
