// A compiled template: parsed once into nodes, rendered synchronously any number of times.

import type { Context } from "./context.ts";
import { tokenize } from "./lexer.ts";
import type { Library } from "./library.ts";
import { NodeList, Parser } from "./parser.ts";

export class Template {
  readonly nodelist: NodeList;

  constructor(
    source: string,
    readonly name: string,
    builtins: Library[],
    libraries: ReadonlyMap<string, Library>,
  ) {
    this.nodelist = new Parser(tokenize(source), builtins, libraries, name).parse();
  }

  /** Renders with its own per-render state (cycles, blocks), as a template rendered on its own or included. */
  render(context: Context): string {
    return this.renderWith(context, true);
  }

  /** Renders keeping the caller's per-render state: a parent template rendered for {% extends %}. */
  renderWith(context: Context, isolated: boolean): string {
    const previous = context.template;
    context.template = this;
    try {
      return context.renderContext.with(isolated, () => this.nodelist.render(context));
    } finally {
      context.template = previous;
    }
  }
}
