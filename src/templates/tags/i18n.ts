// The i18n library: trans/translate, blocktrans/blocktranslate (count, plural, with, trimmed, context, asvar),
// get_current_language, get_available_languages and the language block.

import { gettext, npgettext, pgettext } from "../../i18n/catalogs.ts";
import { interpolate } from "../../i18n/index.ts";
import { availableLanguages } from "../../i18n/language.ts";
import type { Context } from "../context.ts";
import { TemplateSyntaxError } from "../errors.ts";
import type { Token } from "../lexer.ts";
import { renderValue, type Node, type NodeList, type Parser } from "../parser.ts";
import { pyStr } from "../python.ts";
import type { FilterExpression } from "../variable.ts";
import { parseKeywordArguments, resolveAll } from "./arguments.ts";

/** Stores a value under `as`/`asvar` name, or writes it. */
function output(value: string, asVar: string | null, context: Context): string {
  if (asVar === null) return value;
  context.set(asVar, value);
  return "";
}

class TranslateNode implements Node {
  constructor(
    private readonly message: FilterExpression,
    private readonly messageContext: FilterExpression | null,
    private readonly asVar: string | null,
  ) {}
  render(context: Context): string {
    if (this.messageContext) this.message.variable.messageContext = pyStr(this.messageContext.resolve(context));
    const value = this.message.resolve(context);
    // Percent signs were doubled for the catalog lookup (msgids are python-format); undo that for the page.
    const text = renderValue(value, context).replaceAll("%%", "%");
    return output(text, this.asVar, context);
  }
}

export function compileTrans(parser: Parser, _token: Token, bits: string[]): Node {
  if (bits.length < 2) throw new TemplateSyntaxError(`'${bits[0]}' takes at least one argument`);
  const message = parser.compileFilter(bits[1]!);
  let noop = false;
  let asVar: string | null = null;
  let messageContext: FilterExpression | null = null;
  for (let i = 2; i < bits.length; i++) {
    const option = bits[i];
    if (option === "noop") noop = true;
    else if (option === "context" && bits[i + 1]) messageContext = parser.compileFilter(bits[++i]!);
    else if (option === "as" && bits[i + 1]) asVar = bits[++i]!;
    else throw new TemplateSyntaxError(`Unknown argument for '${bits[0]}' tag: '${option}'`);
  }
  if (!noop) message.variable.markTranslated();
  return new TranslateNode(message, messageContext, asVar);
}

interface Piece {
  text: string;
  vars: string[];
}

class BlockTranslateNode implements Node {
  constructor(
    private readonly singular: Piece,
    private readonly plural: Piece | null,
    private readonly counter: [string, FilterExpression] | null,
    private readonly extra: Map<string, FilterExpression>,
    private readonly messageContext: FilterExpression | null,
    private readonly asVar: string | null,
  ) {}

  render(context: Context): string {
    const text = this.translated(context, true);
    // Stored after the block's own names are gone, as Django does.
    return output(text, this.asVar, context);
  }

  private translated(context: Context, translate: boolean): string {
    const values = resolveAll(this.extra, context);
    if (this.counter) values[this.counter[0]] = this.counter[1].resolve(context);
    return context.push(values, () => {
      const lang = translate ? context.language : "";
      const msgContext = this.messageContext ? pyStr(this.messageContext.resolve(context)) : "";
      let result: string;
      const vars = [...this.singular.vars];
      if (this.plural && this.counter) {
        const count = Number(values[this.counter[0]]);
        if (!Number.isFinite(count))
          throw new TemplateSyntaxError(`'${this.counter[0]}' argument to 'blocktranslate' tag must be a number.`);
        result = npgettext(lang, msgContext, this.singular.text, this.plural.text, count);
        vars.push(...this.plural.vars);
      } else {
        result = msgContext ? pgettext(lang, msgContext, this.singular.text) : gettext(lang, this.singular.text);
      }
      const data: Record<string, string> = {};
      for (const name of vars) {
        const value = context.get(name);
        data[name] = renderValue(typeof value === "symbol" ? "" : value, context);
      }
      let text: string;
      try {
        text = interpolate(result, data);
      } catch (e) {
        // A translation naming a variable the template lacks: show the original instead.
        if (!translate) throw e;
        return this.translated(context, false);
      }
      return text;
    });
  }
}

const trimWhitespace = (s: string) => s.trim().replace(/\s*\n\s*/g, " ");

export function compileBlockTrans(parser: Parser, token: Token, bits: string[]): Node {
  const tag = bits[0]!;
  const end = `end${tag}`;
  let counter: [string, FilterExpression] | null = null;
  let extra = new Map<string, FilterExpression>();
  let trimmed = false;
  let asVar: string | null = null;
  let messageContext: FilterExpression | null = null;
  const rest = bits.slice(1);
  while (rest.length) {
    const option = rest.shift()!;
    if (option === "trimmed") trimmed = true;
    else if (option === "asvar" && rest[0]) asVar = rest.shift()!;
    else if (option === "context" && rest[0]) messageContext = parser.compileFilter(rest.shift()!);
    else if (option === "count" && rest[0]) {
      const args = parseKeywordArguments([rest.shift()!], parser, tag, false);
      const [entry] = args;
      if (!entry) throw new TemplateSyntaxError(`"count" in '${tag}' tag expected exactly one keyword argument.`);
      counter = entry;
    } else if (option === "with") {
      const args: string[] = [];
      while (rest[0] && /^\w+=/.test(rest[0])) args.push(rest.shift()!);
      extra = parseKeywordArguments(args, parser, tag, false);
    } else throw new TemplateSyntaxError(`Unknown argument for '${tag}' tag: '${option}'.`);
  }
  const readPiece = (): [Piece, Token] => {
    let text = "";
    const vars: string[] = [];
    for (;;) {
      const t = parser.nextToken();
      if (t.kind === "text") text += t.contents.replaceAll("%", "%%");
      else if (t.kind === "var") {
        text += `%(${t.contents})s`;
        vars.push(t.contents);
      } else return [{ text: trimmed ? trimWhitespace(text) : text, vars }, t];
    }
  };
  const [singular, after] = readPiece();
  let plural: Piece | null = null;
  let last = after;
  if (counter && after.contents === "plural") [plural, last] = readPiece();
  if (last.contents !== end) {
    throw parser.error(`'${tag}' doesn't allow other block tags (seen '${last.contents}') inside it`, token);
  }
  return new BlockTranslateNode(singular, plural, counter, extra, messageContext, asVar);
}

/** `{% get_current_language as LANGUAGE_CODE %}` and its siblings: a value stored under a name. */
function asVarTag(name: string, value: (context: Context) => unknown) {
  return (_parser: Parser, _token: Token, bits: string[]): Node => {
    if (bits.length !== 3 || bits[1] !== "as")
      throw new TemplateSyntaxError(`'${name}' requires 'as variable' (got ${bits.slice(1).join(" ")})`);
    const asVar = bits[2]!;
    return { render: (context) => (context.set(asVar, value(context)), "") };
  };
}

export const compileGetCurrentLanguage = asVarTag("get_current_language", (c) => c.language);
/** (code, name) pairs, each name in the current language, as Django gives them. */
export const compileGetAvailableLanguages = asVarTag("get_available_languages", (c) =>
  availableLanguages().map((code) => [code, languageName(code, c.language)]),
);

function languageName(code: string, inLanguage: string): string {
  try {
    const name = new Intl.DisplayNames([inLanguage, "en"], { type: "language" }).of(code) ?? code;
    // Capitalised, as in a list of languages to choose from (and in Django's LANGUAGES).
    return name.charAt(0).toLocaleUpperCase(inLanguage) + name.slice(1);
  } catch {
    return code;
  }
}

class LanguageNode implements Node {
  constructor(
    private readonly language: FilterExpression,
    private readonly body: NodeList,
  ) {}
  get children(): NodeList[] {
    return [this.body];
  }
  render(context: Context): string {
    const saved = context.language;
    context.language = pyStr(this.language.resolve(context));
    try {
      return this.body.render(context);
    } finally {
      context.language = saved;
    }
  }
}

export function compileLanguage(parser: Parser, _token: Token, bits: string[]): Node {
  if (bits.length !== 2) throw new TemplateSyntaxError(`'language' takes one argument (language)`);
  const body = parser.parse(["endlanguage"]);
  parser.nextToken();
  return new LanguageNode(parser.compileFilter(bits[1]!), body);
}
