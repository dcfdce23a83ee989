// The tags a page needs from the framework: csrf_token, static, url, and the LiveView room and client script.

import { CLIENT_BUNDLE_URL, STATIC_URL } from "../../constants.ts";
import { CSRF_FIELD, SOCKET_TOKEN_ATTR } from "../../protocol.ts";
import type { Context } from "../context.ts";
import { TemplateSyntaxError } from "../errors.ts";
import type { Token } from "../lexer.ts";
import { renderValue, type Node, type Parser } from "../parser.ts";
import { pyStr } from "../python.ts";
import { escapeHtml } from "../safe.ts";
import type { FilterExpression } from "../variable.ts";
import { parseKeywordArguments, resolveAll } from "./arguments.ts";

const contextText = (context: Context, name: string) => {
  const v = context.get(name);
  return typeof v === "string" ? v : v === null || v === undefined || typeof v === "symbol" ? "" : pyStr(v);
};

/** A tag whose output comes from the context alone. */
const fixed = (render: (context: Context) => string) => (): Node => ({ render });

/** Without a token in the context (a page not rendered for a request), Django writes nothing. */
export const compileCsrfToken = fixed((c) => {
  const token = contextText(c, "csrf_token");
  return token ? `<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(token)}">` : "";
});
export const compileLiveviewRoom = fixed((c) => escapeHtml(contextText(c, "room")));
// The page's CSRF token rides on the script tag: the client presents it when its socket connects.
export const compileLiveviewScripts = fixed(
  (c) =>
    `<script src="${CLIENT_BUNDLE_URL}" ${SOCKET_TOKEN_ATTR}="${escapeHtml(contextText(c, "csrf_token"))}" defer></script>`,
);
export const compileStaticPrefix = fixed(() => STATIC_URL);

/** `{% tag args as name %}`: the args, and the name to store the result under instead of writing it. */
function splitAs(bits: string[]): [string[], string | null] {
  return bits.length >= 2 && bits.at(-2) === "as" ? [bits.slice(0, -2), bits.at(-1)!] : [bits, null];
}

/** Writes a value, or stores it under `as` name. */
function output(value: string, asVar: string | null, context: Context): string {
  if (asVar === null) return renderValue(value, context);
  context.set(asVar, value);
  return "";
}

class StaticNode implements Node {
  constructor(
    private readonly path: FilterExpression,
    private readonly asVar: string | null,
  ) {}
  render(context: Context): string {
    const path = pyStr(this.path.resolve(context)).replace(/^\/+/, "");
    return output(STATIC_URL + encodeURI(path), this.asVar, context);
  }
}

export function compileStatic(parser: Parser, _token: Token, bits: string[]): Node {
  const [args, asVar] = splitAs(bits.slice(1));
  if (args.length !== 1) throw new TemplateSyntaxError(`'static' takes at least one argument (path to file)`);
  return new StaticNode(parser.compileFilter(args[0]!), asVar);
}

/** Turns a route name and arguments into a path; the app sets it (see `reverse`). */
export type UrlResolver = (name: string, args: unknown[], kwargs: Record<string, unknown>) => string;

class UrlNode implements Node {
  constructor(
    private readonly name: FilterExpression,
    private readonly args: FilterExpression[],
    private readonly kwargs: Map<string, FilterExpression>,
    private readonly asVar: string | null,
  ) {}
  render(context: Context): string {
    const name = pyStr(this.name.resolve(context));
    const args = this.args.map((a) => a.resolve(context));
    const kwargs = resolveAll(this.kwargs, context);
    let url: string;
    try {
      url = context.env.reverse(name, args, kwargs);
    } catch (e) {
      // With `as`, Django leaves the name empty rather than failing the page.
      if (this.asVar === null) throw e;
      url = "";
    }
    return output(url, this.asVar, context);
  }
}

export function compileUrl(parser: Parser, _token: Token, bits: string[]): Node {
  const [args, asVar] = splitAs(bits.slice(1));
  if (args.length === 0) throw new TemplateSyntaxError(`'url' takes at least one argument, a URL pattern name.`);
  const positional = args.slice(1).filter((a) => !/^\w+=/.test(a));
  const keyword = args.slice(1).filter((a) => /^\w+=/.test(a));
  return new UrlNode(
    parser.compileFilter(args[0]!),
    positional.map((a) => parser.compileFilter(a)),
    parseKeywordArguments(keyword, parser, "url", false),
    asVar,
  );
}
