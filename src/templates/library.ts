// Libraries of tags and filters: the built-in ones and those an app registers by name, as Django's Library.

import type { Context } from "./context.ts";
import type { Node, Parser } from "./parser.ts";
import type { Token } from "./lexer.ts";
import { inclusionTag, simpleTag, type CustomTagOptions } from "./tags/custom.ts";

/** A filter as Django defines one: the function and the flags that say how it treats safe strings. */
export interface FilterDef {
  fn: (value: unknown, arg: unknown, info: FilterInfo) => unknown;
  /** Whether the filter takes an argument: always, never, or when given. */
  arg: "none" | "required" | "optional";
  /** Safe input gives safe output (Django's is_safe). */
  isSafe?: boolean;
  /** The value is turned into a string first (Django's @stringfilter). */
  stringFilter?: boolean;
}

export interface FilterInfo {
  autoescape: boolean;
  context: Context;
  /** Whether the value was safe before a string filter turned it into plain text. */
  inputSafe: boolean;
}

/** A tag compiles its token into a node, reading further tokens from the parser when it has a body. */
export type TagCompiler = (parser: Parser, token: Token, bits: string[]) => Node;

export class Library {
  readonly tags = new Map<string, TagCompiler>();
  readonly filters = new Map<string, FilterDef>();

  tag(name: string, compile: TagCompiler): this {
    this.tags.set(name, compile);
    return this;
  }

  /**
   * A filter: `fn(value, arg)`. Options as Django's: `isSafe` (safe in, safe out), `stringFilter` (value as string),
   * `needsAutoescape` (gets `{ autoescape }` as a third argument).
   */
  filter(
    name: string,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an application's functions take the types they declare
    fn: (value: any, arg?: any, info?: FilterInfo) => unknown,
    options: { isSafe?: boolean; stringFilter?: boolean; arg?: FilterDef["arg"] } = {},
  ): this {
    const arg = options.arg ?? (fn.length >= 2 ? "required" : "none");
    this.filters.set(name, { fn, arg, isSafe: options.isSafe, stringFilter: options.stringFilter });
    return this;
  }

  /** Django's simple_tag: `{% name arg key=value %}` writes `fn(arg, { key: value })`, escaped; `as v` stores it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an application's functions take the types they declare
  simpleTag(name: string, fn: (...args: any[]) => unknown, options: CustomTagOptions = {}): this {
    return this.tag(name, simpleTag(fn, options));
  }

  /** Django's inclusion_tag: renders `template` with the object `fn` returns (and nothing else of the page's). */
  inclusionTag(
    name: string,
    template: string,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an application's functions take the types they declare
    fn: (...args: any[]) => Record<string, unknown>,
    options: CustomTagOptions = {},
  ): this {
    return this.tag(name, inclusionTag(template, fn, options));
  }
}
