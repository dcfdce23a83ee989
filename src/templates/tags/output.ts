// Tags that shape output: autoescape, filter, spaceless, verbatim, comment, templatetag, now, widthratio, load.

import type { Context } from "../context.ts";
import { formatDate, NAMED_FORMATS } from "../date-format.ts";
import { TemplateSyntaxError, suggestion } from "../errors.ts";
import type { Token } from "../lexer.ts";
import { renderValue, TextNode, type Node, type NodeList, type Parser } from "../parser.ts";
import { pyStr } from "../python.ts";
import { markSafe } from "../safe.ts";
import type { FilterExpression } from "../variable.ts";

class AutoescapeNode implements Node {
  constructor(
    private readonly on: boolean,
    private readonly body: NodeList,
  ) {}
  get children(): NodeList[] {
    return [this.body];
  }
  render(context: Context): string {
    const saved = context.autoescape;
    context.autoescape = this.on;
    try {
      return this.body.render(context);
    } finally {
      context.autoescape = saved;
    }
  }
}

export function compileAutoescape(parser: Parser, _token: Token, bits: string[]): Node {
  if (bits.length !== 2) throw new TemplateSyntaxError(`'autoescape' tag requires exactly one argument.`);
  if (bits[1] !== "on" && bits[1] !== "off")
    throw new TemplateSyntaxError(`'autoescape' argument should be 'on' or 'off'`);
  const body = parser.parse(["endautoescape"]);
  parser.nextToken();
  return new AutoescapeNode(bits[1] === "on", body);
}

class FilterNode implements Node {
  constructor(
    private readonly expression: FilterExpression,
    private readonly body: NodeList,
  ) {}
  get children(): NodeList[] {
    return [this.body];
  }
  render(context: Context): string {
    const output = markSafe(this.body.render(context));
    // Django writes the filtered body as it comes out of the filters: the body was the template's own HTML.
    return context.push({ var: output }, () => pyStr(this.expression.resolve(context)));
  }
}

export function compileFilterTag(parser: Parser, token: Token): Node {
  const filters = token.contents.slice("filter".length).trim();
  const expression = parser.compileFilter(`var|${filters}`);
  for (const { name } of expression.filters) {
    if (name === "escape" || name === "safe") {
      throw new TemplateSyntaxError(`"filter ${name}" is not permitted. Use the "autoescape" tag instead.`);
    }
  }
  const body = parser.parse(["endfilter"]);
  parser.nextToken();
  return new FilterNode(expression, body);
}

class SpacelessNode implements Node {
  constructor(private readonly body: NodeList) {}
  get children(): NodeList[] {
    return [this.body];
  }
  render(context: Context): string {
    return this.body.render(context).trim().replace(/>\s+</g, "><");
  }
}

export function compileSpaceless(parser: Parser): Node {
  const body = parser.parse(["endspaceless"]);
  parser.nextToken();
  return new SpacelessNode(body);
}

/** {% verbatim %}: the lexer has already made everything inside text. */
export function compileVerbatim(parser: Parser, _token: Token, bits: string[]): Node {
  const end = bits.length > 1 ? `endverbatim ${bits.slice(1).join(" ")}` : "endverbatim";
  const body = parser.parse([end.split(" ")[0]!]);
  parser.nextToken();
  return new TextNode(body.render({} as Context));
}

export function compileComment(parser: Parser): Node {
  parser.skipPast("endcomment");
  return new TextNode("");
}

const TEMPLATE_TAGS: Record<string, string> = {
  openblock: "{%",
  closeblock: "%}",
  openvariable: "{{",
  closevariable: "}}",
  openbrace: "{",
  closebrace: "}",
  opencomment: "{#",
  closecomment: "#}",
};

export function compileTemplateTag(_parser: Parser, _token: Token, bits: string[]): Node {
  const text = bits[1] !== undefined && Object.hasOwn(TEMPLATE_TAGS, bits[1]) ? TEMPLATE_TAGS[bits[1]] : undefined;
  if (bits.length !== 2 || text === undefined) {
    throw new TemplateSyntaxError(
      `Invalid templatetag argument: '${bits[1] ?? ""}'. Must be one of: ${Object.keys(TEMPLATE_TAGS).join(", ")}`,
    );
  }
  return new TextNode(text);
}

class NowNode implements Node {
  constructor(
    private readonly format: FilterExpression,
    private readonly asVar: string | null,
  ) {}
  render(context: Context): string {
    const format = pyStr(this.format.resolve(context));
    const text = formatDate(new Date(), NAMED_FORMATS[format] ?? format);
    if (this.asVar === null) return renderValue(text, context);
    context.set(this.asVar, text);
    return "";
  }
}

export function compileNow(parser: Parser, _token: Token, bits: string[]): Node {
  let asVar: string | null = null;
  if (bits.length === 4 && bits[2] === "as") asVar = bits[3]!;
  else if (bits.length !== 2) throw new TemplateSyntaxError(`'now' statement takes one argument`);
  return new NowNode(parser.compileFilter(bits[1]!), asVar);
}

/** Python's round(): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

class WidthRatioNode implements Node {
  constructor(
    private readonly value: FilterExpression,
    private readonly max: FilterExpression,
    private readonly width: FilterExpression,
    private readonly asVar: string | null,
  ) {}
  render(context: Context): string {
    const value = Number(pyStr(this.value.resolve(context)));
    const max = Number(pyStr(this.max.resolve(context)));
    const width = Number(pyStr(this.width.resolve(context)));
    let result: string;
    if (!Number.isInteger(width)) throw new TemplateSyntaxError(`widthratio final argument must be a number`);
    if (Number.isNaN(value) || Number.isNaN(max)) result = "";
    else if (max === 0) result = "0";
    else result = String(roundHalfEven((value / max) * width));
    if (this.asVar === null) return result;
    context.set(this.asVar, result);
    return "";
  }
}

export function compileWidthRatio(parser: Parser, _token: Token, bits: string[]): Node {
  let asVar: string | null = null;
  if (bits.length === 6 && bits[4] === "as") asVar = bits[5]!;
  else if (bits.length !== 4) throw new TemplateSyntaxError(`widthratio takes at least three arguments`);
  const [value, max, width] = bits.slice(1, 4).map((b) => parser.compileFilter(b));
  return new WidthRatioNode(value!, max!, width!, asVar);
}

/** {% load lib %} and {% load name from lib %}: the built-in libraries are always loaded; others are added. */
export function compileLoad(parser: Parser, _token: Token, bits: string[]): Node {
  const fromIndex = bits.indexOf("from");
  const names = fromIndex > 0 ? [bits[fromIndex + 1]!] : bits.slice(1);
  for (const name of names) {
    const library = parser.libraries.get(name);
    if (!library) {
      throw new TemplateSyntaxError(
        `'${name}' is not a registered tag library${suggestion(name, parser.libraries.keys())}. Must be one of: ${[...parser.libraries.keys()].join(", ")}`,
      );
    }
    parser.addLibrary(library, fromIndex > 0 ? bits.slice(1, fromIndex) : undefined);
  }
  return new TextNode("");
}
