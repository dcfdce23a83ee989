// The parser: tokens into a tree of nodes, each tag compiled by its library; the tree renders synchronously.

import type { Context } from "./context.ts";
import { TemplateSyntaxError, suggestion } from "./errors.ts";
import { splitContents, type Token } from "./lexer.ts";
import type { FilterDef, Library, TagCompiler } from "./library.ts";
import { pyStr } from "./python.ts";
import { escapeHtml, SafeString } from "./safe.ts";
import { formatDate, DATETIME_FORMAT } from "./date-format.ts";
import { FilterExpression } from "./variable.ts";

export interface Node {
  render(context: Context): string;
  /** The node lists inside this node, for finding {% block %}s and checking {% extends %}. */
  readonly children?: NodeList[];
}

export class NodeList {
  constructor(readonly nodes: Node[]) {}
  render(context: Context): string {
    let out = "";
    for (const node of this.nodes) out += node.render(context);
    return out;
  }
  /** Every node of a kind, however deep. */
  find<T extends Node>(kind: new (...args: never[]) => T): T[] {
    const found: T[] = [];
    for (const node of this.nodes) {
      if (node instanceof kind) found.push(node);
      for (const list of node.children ?? []) found.push(...list.find(kind));
    }
    return found;
  }
}

export class TextNode implements Node {
  constructor(readonly text: string) {}
  render(): string {
    return this.text;
  }
}

/** A value as text on the page: escaped when autoescape is on, unless it is safe (Django's render_value_in_context). */
export function renderValue(value: unknown, context: Context): string {
  if (typeof value === "string") return context.autoescape ? escapeHtml(value) : value;
  if (value instanceof SafeString) return value.value;
  const text = value instanceof Date ? formatDate(value, DATETIME_FORMAT) : pyStr(value);
  return context.autoescape ? escapeHtml(text) : text;
}

export class VariableNode implements Node {
  constructor(readonly expression: FilterExpression) {}
  render(context: Context): string {
    return renderValue(this.expression.resolve(context), context);
  }
}

/** Tags that divide another tag's body; with the `end…` tags, they are offered for a mistyped tag name. */
const INNER_TAGS = ["elif", "else", "empty", "plural"];

export class Parser {
  private pos = 0;
  readonly tags: Map<string, TagCompiler>;
  readonly filters: Map<string, FilterDef>;
  /** Per-template state tags keep while parsing (e.g. the names of blocks seen, to refuse duplicates). */
  readonly state = new Map<string, unknown>();
  private readonly openTags: { name: string; line: number }[] = [];

  constructor(
    private readonly tokens: Token[],
    builtins: Library[],
    readonly libraries: ReadonlyMap<string, Library>,
    readonly templateName: string,
  ) {
    this.tags = new Map(builtins.flatMap((l) => [...l.tags]));
    this.filters = new Map(builtins.flatMap((l) => [...l.filters]));
  }

  /** Nodes up to a block tag named in `until`, which is left as the next token. */
  parse(until: readonly string[] = []): NodeList {
    const nodes: Node[] = [];
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos++]!;
      if (token.kind === "text") {
        nodes.push(new TextNode(token.contents));
      } else if (token.kind === "var") {
        if (token.contents === "") throw this.error("Empty variable tag", token);
        nodes.push(new VariableNode(this.compileFilter(token.contents, token)));
        if (this.openTags.length === 0) this.state.set("tagsBeforeExtends", true);
      } else if (token.kind === "block") {
        const bits = splitContents(token.contents);
        const command = bits[0];
        if (command === undefined) throw this.error("Empty block tag", token);
        if (until.includes(command)) {
          this.pos--;
          return new NodeList(nodes);
        }
        const compile = this.tags.get(command);
        if (!compile) throw this.invalidTag(command, token, until);
        this.openTags.push({ name: command, line: token.line });
        try {
          nodes.push(compile(this, token, bits));
        } catch (e) {
          throw this.located(e, token);
        }
        this.openTags.pop();
        if (this.openTags.length === 0) this.state.set("tagsBeforeExtends", true);
      }
    }
    if (until.length > 0) {
      const open = this.openTags.at(-1);
      throw new TemplateSyntaxError(
        `Unclosed tag '${open?.name ?? "?"}'. Looking for one of: ${until.join(", ")}`,
        this.templateName,
        open?.line,
      );
    }
    return new NodeList(nodes);
  }

  nextToken(): Token {
    const token = this.tokens[this.pos++];
    if (!token)
      throw new TemplateSyntaxError("Unexpected end of template", this.templateName, this.tokens.at(-1)?.line);
    return token;
  }

  /** Skips tokens up to and including the block tag `end` (for {% comment %}). */
  skipPast(end: string): void {
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos++]!;
      if (token.kind === "block" && token.contents === end) return;
    }
    const open = this.openTags.at(-1);
    throw new TemplateSyntaxError(
      `Unclosed tag '${open?.name ?? "?"}'. Looking for one of: ${end}`,
      this.templateName,
      open?.line,
    );
  }

  compileFilter(source: string, token?: Token): FilterExpression {
    try {
      return new FilterExpression(source, this.filters);
    } catch (e) {
      throw token ? this.located(e, token) : e;
    }
  }

  /** Adds a library's tags and filters from here on ({% load %}). */
  addLibrary(library: Library, only?: string[]): void {
    for (const [name, tag] of library.tags) if (!only || only.includes(name)) this.tags.set(name, tag);
    for (const [name, filter] of library.filters) if (!only || only.includes(name)) this.filters.set(name, filter);
  }

  error(message: string, token: Token): TemplateSyntaxError {
    return new TemplateSyntaxError(message, this.templateName, token.line);
  }

  /** An error from inside a tag, given the template and line if it has none yet. */
  private located(e: unknown, token: Token): unknown {
    if (e instanceof TemplateSyntaxError && e.template === undefined) {
      const construct = token.kind === "var" ? `{{ ${token.contents} }}` : `{% ${token.contents} %}`;
      return new TemplateSyntaxError(`${e.message} in ${construct}`, this.templateName, token.line);
    }
    return e;
  }

  private invalidTag(command: string, token: Token, until: readonly string[]): TemplateSyntaxError {
    const expected = until.length ? `, expected ${until.map((t) => `'${t}'`).join(" or ")}` : "";
    // Other languages' {% for %}…{% else %} is Django's {% empty %}.
    const known = [...this.tags.keys(), ...[...this.tags.keys()].map((t) => `end${t}`), ...INNER_TAGS];
    const hint =
      command === "else" && until.includes("empty")
        ? "; in a for loop, Django's name for it is 'empty'"
        : suggestion(command, known);
    return this.error(
      `Invalid block tag '${command}'${expected}${hint || ". Did you forget to register or load this tag?"}`,
      token,
    );
  }
}
