// {% if %} … {% elif %} … {% else %} … {% endif %}, with Django's operators and precedence (its smart_if).

import type { Context } from "../context.ts";
import { TemplateSyntaxError } from "../errors.ts";
import { splitContents, type Token } from "../lexer.ts";
import type { Node, NodeList, Parser } from "../parser.ts";
import { pyEq, pyIn, pyLess, truthy } from "../python.ts";
import type { FilterExpression } from "../variable.ts";

type Eval = (context: Context) => unknown;
interface Operator {
  precedence: number;
  infix?: (left: Eval, right: Eval) => Eval;
  prefix?: (operand: Eval) => Eval;
}

/** Comparisons that raise in Python (None < 1) are false. */
const safely = (fn: () => boolean): boolean => {
  try {
    return fn();
  } catch {
    return false;
  }
};

const PRECEDENCE_OR = 6;
const PRECEDENCE_AND = 7;
const PRECEDENCE_NOT = 8;
const PRECEDENCE_IN = 9;
const PRECEDENCE_COMPARE = 10;

const infix = (precedence: number, test: (a: unknown, b: unknown) => boolean): Operator => ({
  precedence,
  infix: (l, r) => (c) => safely(() => test(l(c), r(c))),
});

const OPERATORS: Record<string, Operator> = {
  or: { precedence: PRECEDENCE_OR, infix: (l, r) => (c) => truthy(l(c)) || truthy(r(c)) },
  and: { precedence: PRECEDENCE_AND, infix: (l, r) => (c) => truthy(l(c)) && truthy(r(c)) },
  not: { precedence: PRECEDENCE_NOT, prefix: (x) => (c) => !truthy(x(c)) },
  in: infix(PRECEDENCE_IN, (a, b) => pyIn(a, b)),
  "not in": infix(PRECEDENCE_IN, (a, b) => !pyIn(a, b)),
  is: infix(PRECEDENCE_COMPARE, (a, b) => a === b || (a == null && b == null)),
  "is not": infix(PRECEDENCE_COMPARE, (a, b) => !(a === b || (a == null && b == null))),
  "==": infix(PRECEDENCE_COMPARE, pyEq),
  "!=": infix(PRECEDENCE_COMPARE, (a, b) => !pyEq(a, b)),
  ">": infix(PRECEDENCE_COMPARE, (a, b) => pyLess(b, a)),
  ">=": infix(PRECEDENCE_COMPARE, (a, b) => pyLess(b, a) || pyEq(a, b)),
  "<": infix(PRECEDENCE_COMPARE, pyLess),
  "<=": infix(PRECEDENCE_COMPARE, (a, b) => pyLess(a, b) || pyEq(a, b)),
};

type Item = { op: string; operator: Operator } | { operand: Eval };

/** A Pratt parser over the tag's words, as Django's IfParser. */
export function parseCondition(bits: string[], parser: Parser): Eval {
  const items: Item[] = [];
  for (let i = 0; i < bits.length; i++) {
    let word = bits[i]!;
    if ((word === "not" || word === "is") && bits[i + 1] === (word === "not" ? "in" : "not"))
      word = `${word} ${bits[++i]}`;
    const operator = Object.hasOwn(OPERATORS, word) ? OPERATORS[word]! : undefined;
    if (operator) items.push({ op: word, operator });
    else {
      const expr: FilterExpression = parser.compileFilter(word);
      items.push({ operand: (c) => expr.resolve(c, true) });
    }
  }
  let pos = 0;
  const next = (): Item | undefined => items[pos++];
  const peek = (): Item | undefined => items[pos];

  function expression(rbp: number): Eval {
    const item = next();
    if (!item) throw new TemplateSyntaxError("Unexpected end of expression in if tag.");
    let left: Eval;
    if ("operand" in item) left = item.operand;
    else if (item.operator.prefix) left = item.operator.prefix(expression(item.operator.precedence));
    else throw new TemplateSyntaxError(`Not expecting '${item.op}' in this position in if tag.`);
    for (let n = peek(); n && "op" in n && rbp < n.operator.precedence; n = peek()) {
      pos++;
      if (!n.operator.infix) throw new TemplateSyntaxError(`Not expecting '${n.op}' as infix operator in if tag.`);
      left = n.operator.infix(left, expression(n.operator.precedence));
    }
    return left;
  }

  const condition = expression(0);
  const rest = peek();
  if (rest) {
    throw new TemplateSyntaxError(`Unused '${"op" in rest ? rest.op : bits[pos]}' at end of if expression.`);
  }
  return condition;
}

class IfNode implements Node {
  constructor(private readonly branches: [Eval | null, NodeList][]) {}
  get children(): NodeList[] {
    return this.branches.map(([, nodes]) => nodes);
  }
  render(context: Context): string {
    for (const [condition, nodes] of this.branches) {
      if (condition === null || truthy(safelyValue(() => condition(context)))) return nodes.render(context);
    }
    return "";
  }
}

function safelyValue(fn: () => unknown): unknown {
  try {
    return fn();
  } catch {
    return null;
  }
}

export function compileIf(parser: Parser, _token: Token, bits: string[]): Node {
  const branches: [Eval | null, NodeList][] = [];
  let condition: Eval | null = parseCondition(bits.slice(1), parser);
  for (;;) {
    const nodes = parser.parse(["elif", "else", "endif"]);
    branches.push([condition, nodes]);
    const next = parser.nextToken();
    const words = splitContents(next.contents);
    if (words[0] === "endif") break;
    if (words[0] === "else") {
      branches.push([null, parser.parse(["endif"])]);
      parser.nextToken();
      break;
    }
    condition = parseCondition(words.slice(1), parser);
  }
  return new IfNode(branches);
}
