// Template inheritance and inclusion: {% extends %}, {% block %} with {{ block.super }}, {% include %}.

import type { Context } from "../context.ts";
import { TemplateDoesNotExist, TemplateSyntaxError } from "../errors.ts";
import type { Token } from "../lexer.ts";
import { TextNode, type Node, type NodeList, type Parser } from "../parser.ts";
import { pyStr } from "../python.ts";
import { markSafe, SafeString } from "../safe.ts";
import { Template } from "../template.ts";
import type { FilterExpression } from "../variable.ts";
import { parseKeywordArguments, resolveAll } from "./arguments.ts";

/** The render-state key of the blocks in play: for each name, the definitions from root to most derived. */
const BLOCKS = Symbol("blocks");
type BlockStack = Map<string, BlockNode[]>;

export class BlockNode implements Node {
  constructor(
    readonly name: string,
    readonly body: NodeList,
  ) {}

  get children(): NodeList[] {
    return [this.body];
  }

  render(context: Context): string {
    const stack = context.renderContext.get(BLOCKS) as BlockStack | undefined;
    const defs = stack?.get(this.name);
    const chosen = defs?.pop();
    const block = chosen ?? this;
    try {
      return context.push({ block: new BlockReference(block, context, stack) }, () => block.body.render(context));
    } finally {
      if (chosen) defs!.push(chosen);
    }
  }
}

/** What {{ block }} is inside a block: `block.super` renders the parent's version of it. */
class BlockReference {
  constructor(
    private readonly node: BlockNode,
    private readonly context: Context,
    private readonly stack: BlockStack | undefined,
  ) {}
  get super(): SafeString | string {
    if (!this.stack?.get(this.node.name)?.length) return "";
    return markSafe(this.node.render(this.context));
  }
}

class ExtendsNode implements Node {
  constructor(
    private readonly parent: FilterExpression,
    private readonly blocks: BlockNode[],
    readonly body: NodeList,
    private readonly place: Place,
  ) {}

  get children(): NodeList[] {
    return [this.body];
  }

  render(context: Context): string {
    const parent = loadTemplate(this.parent.resolve(context), context, this.place);
    let stack = context.renderContext.get(BLOCKS) as BlockStack | undefined;
    if (!stack) context.renderContext.set(BLOCKS, (stack = new Map()));
    for (const block of this.blocks) prepend(stack, block);
    // The root of the chain (a parent that extends nothing) adds its own blocks, below all others.
    const first = parent.nodelist.nodes.find((n) => !(n instanceof TextNode));
    if (first && !(first instanceof ExtendsNode))
      for (const block of parent.nodelist.find(BlockNode)) prepend(stack, block);
    return parent.renderWith(context, false);
  }
}

function prepend(stack: BlockStack, block: BlockNode): void {
  const defs = stack.get(block.name);
  if (defs) defs.unshift(block);
  else stack.set(block.name, [block]);
}

/** Where a tag is, for an error about the template it names. */
interface Place {
  tag: string;
  template: string;
  line: number;
}

/** A template named by a string, or given as a compiled Template. */
function loadTemplate(value: unknown, context: Context, place: Place): Template {
  if (value instanceof Template) return value;
  const name = value instanceof SafeString ? value.value : value;
  if (typeof name !== "string" || name === "") {
    throw new TemplateSyntaxError(
      `{% ${place.tag} %} needs a template name, got ${pyStr(value)}`,
      place.template,
      place.line,
    );
  }
  try {
    return context.env.getTemplate(name);
  } catch (e) {
    if (!(e instanceof TemplateDoesNotExist) || e.from) throw e;
    throw new TemplateDoesNotExist(e.template, e.tried, `{% ${place.tag} %} in ${place.template}, line ${place.line}`);
  }
}

const placeOf = (parser: Parser, token: Token, tag: string): Place => ({
  tag,
  template: parser.templateName,
  line: token.line,
});

export function compileBlock(parser: Parser, token: Token, bits: string[]): Node {
  if (bits.length !== 2) throw new TemplateSyntaxError(`'block' tag takes only one argument`);
  const name = bits[1]!;
  const seen = (parser.state.get("blocks") as Set<string> | undefined) ?? new Set<string>();
  parser.state.set("blocks", seen);
  if (seen.has(name)) throw new TemplateSyntaxError(`'block' tag with name '${name}' appears more than once`);
  seen.add(name);
  const body = parser.parse(["endblock"]);
  const end = parser.nextToken().contents.split(/\s+/);
  if (end.length > 1 && end[1] !== name) throw parser.error(`'endblock' for '${name}' is named '${end[1]}'`, token);
  return new BlockNode(name, body);
}

export function compileExtends(parser: Parser, token: Token, bits: string[]): Node {
  if (bits.length !== 2) throw new TemplateSyntaxError(`'extends' takes one argument`);
  if (parser.state.has("extends"))
    throw new TemplateSyntaxError(`'extends' cannot appear more than once in the same template`);
  if (parser.state.has("tagsBeforeExtends"))
    throw new TemplateSyntaxError(`{% extends %} must be the first tag in the template.`);
  parser.state.set("extends", true);
  const parent = parser.compileFilter(bits[1]!);
  const body = parser.parse();
  return new ExtendsNode(parent, body.find(BlockNode), body, placeOf(parser, token, "extends"));
}

class IncludeNode implements Node {
  constructor(
    private readonly template: FilterExpression,
    private readonly extra: Map<string, FilterExpression>,
    private readonly only: boolean,
    private readonly place: Place,
  ) {}

  render(context: Context): string {
    const template = loadTemplate(this.template.resolve(context), context, this.place);
    const values = resolveAll(this.extra, context);
    return this.only
      ? context.isolated(values, () => template.render(context))
      : context.push(values, () => template.render(context));
  }
}

export function compileInclude(parser: Parser, token: Token, bits: string[]): Node {
  if (bits.length < 2)
    throw new TemplateSyntaxError(
      `'include' tag takes at least one argument: the name of the template to be included.`,
    );
  let extra = new Map<string, FilterExpression>();
  let only = false;
  const rest = bits.slice(2);
  while (rest.length) {
    const option = rest.shift()!;
    if (option === "only") only = true;
    else if (option === "with") {
      const args = rest.splice(0);
      only ||= args.includes("only");
      extra = parseKeywordArguments(args, parser, "include");
    } else throw new TemplateSyntaxError(`Unknown argument for 'include' tag: '${option}'.`);
  }
  return new IncludeNode(parser.compileFilter(bits[1]!), extra, only, placeOf(parser, token, "include"));
}
