// Tags that choose or repeat output: with, firstof, cycle, resetcycle, ifchanged, regroup.

import { Context } from "../context.ts";
import { TemplateSyntaxError } from "../errors.ts";
import type { Token } from "../lexer.ts";
import { renderValue, type Node, type NodeList, type Parser } from "../parser.ts";
import { pyEq, pyIter, truthy } from "../python.ts";
import type { FilterExpression } from "../variable.ts";
import { parseKeywordArguments, resolveAll } from "./arguments.ts";
import { loopState } from "./for.ts";

class WithNode implements Node {
  constructor(
    private readonly values: Map<string, FilterExpression>,
    private readonly body: NodeList,
  ) {}
  get children(): NodeList[] {
    return [this.body];
  }
  render(context: Context): string {
    return context.push(resolveAll(this.values, context), () => this.body.render(context));
  }
}

export function compileWith(parser: Parser, _token: Token, bits: string[]): Node {
  let values: Map<string, FilterExpression>;
  // The old form: {% with value as name %}.
  if (bits.length === 4 && bits[2] === "as") values = new Map([[bits[3]!, parser.compileFilter(bits[1]!)]]);
  else values = parseKeywordArguments(bits.slice(1), parser, "with", false);
  if (values.size === 0) throw new TemplateSyntaxError(`"with" expected at least one variable assignment`);
  const body = parser.parse(["endwith"]);
  parser.nextToken();
  return new WithNode(values, body);
}

class FirstOfNode implements Node {
  constructor(
    private readonly values: FilterExpression[],
    private readonly asVar: string | null,
  ) {}
  render(context: Context): string {
    let first: unknown = "";
    for (const v of this.values) {
      const value = v.resolve(context, true);
      if (truthy(value)) {
        first = value;
        break;
      }
    }
    const out = renderValue(first, context);
    if (this.asVar === null) return out;
    context.set(this.asVar, out);
    return "";
  }
}

export function compileFirstOf(parser: Parser, _token: Token, bits: string[]): Node {
  const args = bits.slice(1);
  if (args.length === 0) throw new TemplateSyntaxError(`'firstof' statement requires at least one argument`);
  let asVar: string | null = null;
  if (args.length >= 2 && args.at(-2) === "as") [asVar] = args.splice(-2).slice(1);
  return new FirstOfNode(
    args.map((a) => parser.compileFilter(a)),
    asVar,
  );
}

export class CycleNode implements Node {
  constructor(
    private readonly values: FilterExpression[],
    readonly name: string | null,
    private readonly silent: boolean,
  ) {}
  render(context: Context): string {
    const position = (context.renderContext.get(this) as number | undefined) ?? 0;
    context.renderContext.set(this, position + 1);
    const value = this.values[position % this.values.length]!.resolve(context);
    if (this.name !== null) context.setUpward(this.name, value);
    return this.silent ? "" : renderValue(value, context);
  }
  reset(context: Context): void {
    context.renderContext.set(this, 0);
  }
}

/** A named cycle used again by name, `{% cycle rowcolors %}`. */
class NamedCycleNode implements Node {
  constructor(private readonly cycle: CycleNode) {}
  render(context: Context): string {
    return this.cycle.render(context);
  }
}

export function compileCycle(parser: Parser, _token: Token, bits: string[]): Node {
  const named = (parser.state.get("cycles") as Map<string, CycleNode> | undefined) ?? new Map<string, CycleNode>();
  parser.state.set("cycles", named);
  const args = bits.slice(1);
  if (args.length === 0) throw new TemplateSyntaxError(`'cycle' tag requires at least two arguments`);
  if (args.length === 1) {
    const cycle = named.get(args[0]!);
    if (!cycle) throw new TemplateSyntaxError(`Named cycle '${args[0]}' does not exist`);
    return new NamedCycleNode(cycle);
  }
  let name: string | null = null;
  let silent = false;
  if (args.at(-1) === "silent" && args.at(-3) === "as") {
    silent = true;
    args.pop();
  }
  if (args.at(-2) === "as") name = args.splice(-2)[1]!;
  const node = new CycleNode(
    args.map((a) => parser.compileFilter(a)),
    name,
    silent,
  );
  if (name !== null) named.set(name, node);
  parser.state.set("lastCycle", node);
  return node;
}

class ResetCycleNode implements Node {
  constructor(private readonly cycle: CycleNode) {}
  render(context: Context): string {
    this.cycle.reset(context);
    return "";
  }
}

export function compileResetCycle(parser: Parser, _token: Token, bits: string[]): Node {
  const cycle = bits[1]
    ? (parser.state.get("cycles") as Map<string, CycleNode> | undefined)?.get(bits[1])
    : (parser.state.get("lastCycle") as CycleNode | undefined);
  if (!cycle)
    throw new TemplateSyntaxError(bits[1] ? `Named cycle '${bits[1]}' does not exist.` : `No cycles in template.`);
  return new ResetCycleNode(cycle);
}

class IfChangedNode implements Node {
  constructor(
    private readonly values: FilterExpression[],
    private readonly body: NodeList,
    private readonly otherwise: NodeList | null,
  ) {}
  get children(): NodeList[] {
    return this.otherwise ? [this.body, this.otherwise] : [this.body];
  }
  render(context: Context): string {
    // The last value lives with the enclosing loop, so each run of the loop starts afresh.
    const forloop = context.get("forloop");
    let state: Map<unknown, unknown>;
    if (typeof forloop === "object" && forloop !== null) {
      state = loopState.get(forloop) ?? new Map();
      loopState.set(forloop, state);
    } else {
      state = (context.renderContext.get(loopState) as Map<unknown, unknown> | undefined) ?? new Map();
      context.renderContext.set(loopState, state);
    }
    let rendered: string | null = null;
    const current = this.values.length
      ? this.values.map((v) => v.resolve(context, true))
      : (rendered = this.body.render(context));
    if (!state.has(this) || !pyEq(current, state.get(this))) {
      state.set(this, current);
      return rendered ?? this.body.render(context);
    }
    return this.otherwise ? this.otherwise.render(context) : "";
  }
}

export function compileIfChanged(parser: Parser, _token: Token, bits: string[]): Node {
  const body = parser.parse(["else", "endifchanged"]);
  let otherwise: NodeList | null = null;
  if (parser.nextToken().contents === "else") {
    otherwise = parser.parse(["endifchanged"]);
    parser.nextToken();
  }
  return new IfChangedNode(
    bits.slice(1).map((b) => parser.compileFilter(b)),
    body,
    otherwise,
  );
}

/** One group of {% regroup %}: `grouper` and `list`, and unpackable as a pair, like Django's GroupedResult. */
function group(grouper: unknown, list: unknown[]): unknown[] & { grouper: unknown; list: unknown[] } {
  return Object.assign([grouper, list], { grouper, list });
}

class RegroupNode implements Node {
  constructor(
    private readonly target: FilterExpression,
    private readonly key: FilterExpression,
    private readonly name: string,
  ) {}
  render(context: Context): string {
    const items = pyIter(this.target.resolve(context, true));
    const groups: ReturnType<typeof group>[] = [];
    for (const item of items) {
      const scope = new Context(typeof item === "object" && item !== null ? item : {}, context.env, context.language);
      const grouper = this.key.resolve(scope, true);
      const last = groups.at(-1);
      if (last && pyEq(last.grouper, grouper)) last.list.push(item);
      else groups.push(group(grouper, [item]));
    }
    context.set(this.name, groups);
    return "";
  }
}

export function compileRegroup(parser: Parser, _token: Token, bits: string[]): Node {
  if (bits.length !== 6) throw new TemplateSyntaxError(`'regroup' tag takes five arguments`);
  if (bits[2] !== "by") throw new TemplateSyntaxError(`second argument to 'regroup' tag must be 'by'`);
  if (bits[4] !== "as") throw new TemplateSyntaxError(`next-to-last argument to 'regroup' tag must be 'as'`);
  return new RegroupNode(parser.compileFilter(bits[1]!), parser.compileFilter(bits[3]!), bits[5]!);
}
