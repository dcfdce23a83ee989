// Where handlers, middleware and session-change reactions are registered by name.

import type { z } from "zod";
import type { Consumer } from "./consumer.ts";
import type { Content } from "./content.ts";

export type Handler<C = Content> = (consumer: Consumer, content: C) => unknown;
/** Runs before every handler; returning `false` cancels the handler. */
export type Middleware = (consumer: Consumer, content: Content, functionName: string) => boolean | void | Promise<boolean | void>;
/** Runs on every other socket of a session when one of `keys` changed. */
export type SessionReaction = (consumer: Consumer, changedKeys: string[]) => unknown;

interface Entry {
  handler: Handler<never>;
  schema: z.ZodType | null;
}

export class Registry {
  private readonly handlers = new Map<string, Entry>();
  readonly middleware: Middleware[] = [];
  readonly reactions: { keys: Set<string>; reaction: SessionReaction }[] = [];
  private readonly answered = new WeakMap<string[], boolean>();

  register(name: string, schema: z.ZodType | null, handler: Handler<never>): void {
    this.handlers.set(name, { handler, schema });
  }

  get(name: string): Entry | undefined {
    return this.handlers.get(name);
  }

  names(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** Whether any reaction watches these keys; remembered per event, which every socket of a session receives. */
  reactsTo(changed: string[]): boolean {
    let answer = this.answered.get(changed);
    if (answer === undefined) this.answered.set(changed, (answer = this.reactionsFor(changed).length > 0));
    return answer;
  }

  reactionsFor(changed: string[]): SessionReaction[] {
    return this.reactions.filter((r) => changed.some((k) => r.keys.has(k))).map((r) => r.reaction);
  }
}

/** The process-wide registry that `liveviewHandler` writes to, as django-liveview has one. */
export const registry = new Registry();

/**
 * Registers `handler` under `name`. With a zod schema, `content` is validated (a mismatch is an error reply,
 * and the handler does not run) and typed by it.
 */
export function liveviewHandler(name: string, handler: Handler<Content>): void;
export function liveviewHandler<S extends z.ZodType>(name: string, schema: S, handler: Handler<z.infer<S>>): void;
export function liveviewHandler(name: string, a: Handler<Content> | z.ZodType, b?: Handler<never>): void {
  if (typeof a === "function") registry.register(name, null, a as Handler<never>);
  else registry.register(name, a, b!);
}

export function liveviewMiddleware(middleware: Middleware): void {
  registry.middleware.push(middleware);
}

/** `onSessionChange("counter", (consumer) => ...)`: re-render what depends on a key when another tab changes it. */
export function onSessionChange(keys: string | string[], reaction: SessionReaction): void {
  registry.reactions.push({ keys: new Set(Array.isArray(keys) ? keys : [keys]), reaction });
}
