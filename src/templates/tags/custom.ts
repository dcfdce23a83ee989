// Tags an app defines as in Django: simple_tag (a function of its arguments) and inclusion_tag (a template
// rendered with what a function returns).

import type { Context } from "../context.ts";
import type { Token } from "../lexer.ts";
import type { Node, Parser } from "../parser.ts";
import { renderValue } from "../parser.ts";
import type { FilterExpression } from "../variable.ts";

export interface CustomTagOptions {
  /** The function gets the render context first, as Django's takes_context. */
  takesContext?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an application's functions take the types they declare
type TagFunction = (...args: any[]) => unknown;

interface ParsedArgs {
  positional: FilterExpression[];
  keyword: [string, FilterExpression][];
  asVar: string | null;
}

function parseArgs(parser: Parser, bits: string[]): ParsedArgs {
  let words = bits.slice(1);
  let asVar: string | null = null;
  if (words.length >= 2 && words.at(-2) === "as") {
    asVar = words.at(-1)!;
    words = words.slice(0, -2);
  }
  const positional: FilterExpression[] = [];
  const keyword: [string, FilterExpression][] = [];
  for (const word of words) {
    const m = /^(\w+)=(.+)$/s.exec(word);
    if (m) keyword.push([m[1]!, parser.compileFilter(m[2]!)]);
    else positional.push(parser.compileFilter(word));
  }
  return { positional, keyword, asVar };
}

/** Calls the function with positional values, then an object of the keyword ones if there are any. */
function call(fn: TagFunction, args: ParsedArgs, context: Context, takesContext: boolean): unknown {
  const values: unknown[] = args.positional.map((a) => a.resolve(context));
  if (args.keyword.length) values.push(Object.fromEntries(args.keyword.map(([k, v]) => [k, v.resolve(context)])));
  return takesContext ? fn(context, ...values) : fn(...values);
}

export function simpleTag(fn: TagFunction, options: CustomTagOptions = {}) {
  return (parser: Parser, _token: Token, bits: string[]): Node => {
    const args = parseArgs(parser, bits);
    return {
      render(context) {
        const value = call(fn, args, context, !!options.takesContext);
        if (args.asVar === null) return renderValue(value, context);
        context.set(args.asVar, value);
        return "";
      },
    };
  };
}

export function inclusionTag(templateName: string, fn: TagFunction, options: CustomTagOptions = {}) {
  return (parser: Parser, _token: Token, bits: string[]): Node => {
    const args = parseArgs(parser, bits);
    return {
      render(context) {
        const values = call(fn, args, context, !!options.takesContext) as Record<string, unknown>;
        const template = context.env.getTemplate(templateName);
        return context.isolated(values ?? {}, () => template.render(context));
      },
    };
  };
}
