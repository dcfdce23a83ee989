// {% for x in items %} … {% empty %} … {% endfor %}: reversed, unpacking (`for k, v in d.items`), forloop.*.

import type { Context } from "../context.ts";
import { TemplateSyntaxError } from "../errors.ts";
import type { Token } from "../lexer.ts";
import type { Node, NodeList, Parser } from "../parser.ts";
import { pyIter, pyLen, pyStr } from "../python.ts";
import type { FilterExpression } from "../variable.ts";

/** What {{ forloop }} holds; `ifchanged` keeps its last value here, so it starts afresh with each loop. */
export interface ForLoop {
  counter: number;
  counter0: number;
  revcounter: number;
  revcounter0: number;
  first: boolean;
  last: boolean;
  parentloop: ForLoop | Record<string, never>;
}
export const loopState = new WeakMap<object, Map<unknown, unknown>>();

class ForNode implements Node {
  constructor(
    private readonly names: string[],
    private readonly sequence: FilterExpression,
    private readonly reversed: boolean,
    private readonly body: NodeList,
    private readonly empty: NodeList | null,
  ) {}

  get children(): NodeList[] {
    return this.empty ? [this.body, this.empty] : [this.body];
  }

  render(context: Context): string {
    let items = pyIter(this.sequence.resolve(context, true));
    if (items.length === 0) return this.empty ? this.empty.render(context) : "";
    if (this.reversed) items = [...items].reverse();
    const parent = context.get("forloop");
    const forloop: ForLoop = {
      counter: 0,
      counter0: 0,
      revcounter: 0,
      revcounter0: 0,
      first: true,
      last: false,
      parentloop: typeof parent === "object" && parent !== null ? (parent as ForLoop) : {},
    };
    const length = items.length;
    const unpack = this.names.length > 1;
    return context.push({ forloop }, () => {
      let out = "";
      for (let i = 0; i < length; i++) {
        forloop.counter0 = i;
        forloop.counter = i + 1;
        forloop.revcounter = length - i;
        forloop.revcounter0 = length - i - 1;
        forloop.first = i === 0;
        forloop.last = i === length - 1;
        const item = items[i];
        if (unpack) {
          const values = pyIter(item);
          if (values.length !== this.names.length) {
            throw new TemplateSyntaxError(
              `Need ${this.names.length} values to unpack in for loop; got ${pyLen(item) || pyStr(values.length)}.`,
            );
          }
          this.names.forEach((name, k) => context.set(name, values[k]));
        } else {
          context.set(this.names[0]!, item);
        }
        out += this.body.render(context);
      }
      return out;
    });
  }
}

export function compileFor(parser: Parser, token: Token, bits: string[]): Node {
  if (bits.length < 4)
    throw new TemplateSyntaxError(`'for' statements should have at least four words: ${token.contents}`);
  const reversed = bits.at(-1) === "reversed";
  const inIndex = reversed ? -3 : -2;
  if (bits.at(inIndex) !== "in")
    throw new TemplateSyntaxError(`'for' statements should use the format 'for x in y': ${token.contents}`);
  const names = bits.slice(1, inIndex).join(" ").split(/ *, */);
  for (const name of names) {
    if (!name || /[\s'"|]/.test(name))
      throw new TemplateSyntaxError(`'for' tag received an invalid argument: ${token.contents}`);
  }
  const sequence = parser.compileFilter(bits.at(inIndex + 1)!);
  const body = parser.parse(["empty", "endfor"]);
  let empty: NodeList | null = null;
  if (parser.nextToken().contents === "empty") {
    empty = parser.parse(["endfor"]);
    parser.nextToken();
  }
  return new ForNode(names, sequence, reversed, body, empty);
}
