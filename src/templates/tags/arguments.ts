// Keyword arguments of tags (`with a=b c=d`, `include … with x=1`), parsed as Django's token_kwargs.

import type { Context } from "../context.ts";
import { TemplateSyntaxError } from "../errors.ts";
import type { Parser } from "../parser.ts";
import type { FilterExpression } from "../variable.ts";

const KWARG_RE = /^(?:(\w+)=)?(.+)$/s;

/** `a=b c=d` into names and expressions; every word must be such a pair. Also takes `only`, left to the caller. */
export function parseKeywordArguments(
  bits: string[],
  parser: Parser,
  tag: string,
  allowOnly = true,
): Map<string, FilterExpression> {
  const out = new Map<string, FilterExpression>();
  for (const bit of bits) {
    if (bit === "only" && allowOnly) continue;
    const m = KWARG_RE.exec(bit);
    if (!m?.[1]) throw new TemplateSyntaxError(`"${tag}" tag expected name=value pairs, got '${bit}'`);
    if (out.has(m[1])) throw new TemplateSyntaxError(`The ${m[1]} keyword argument was given more than once.`);
    out.set(m[1], parser.compileFilter(m[2]!));
  }
  return out;
}

export function resolveAll(args: Map<string, FilterExpression>, context: Context): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, expr] of args) values[name] = expr.resolve(context);
  return values;
}
