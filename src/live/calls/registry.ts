// Where handlers, middleware and session-change reactions are registered by name.

import type { z } from "zod";
import type { Access } from "./authorize.ts";
import type { Consumer } from "../connection/consumer.ts";
import type { Content } from "./content.ts";
import { navigate } from "./navigate.ts";
import { registerDrafts } from "../forms/drafts.ts";
import { NAVIGATE_FUNCTION } from "../../protocol.ts";
import { registerUploadCalls } from "../uploads/upload-calls.ts";
import { uploadRule, type UploadOptions, type UploadRule } from "../../uploads/upload-rule.ts";

export type Handler<C = Content> = (consumer: Consumer, content: C) => unknown;
/** Runs before every handler; returning `false` cancels the handler. */
export type Middleware = (
  consumer: Consumer,
  content: Content,
  functionName: string,
) => boolean | void | Promise<boolean | void>;
/** Runs on every other socket of a session when one of `keys` changed. */
export type SessionReaction = (consumer: Consumer, changedKeys: string[]) => unknown;

/**
 * What `liveviewHandler` returns: the handler's name, typed by what a call to it carries (its schema's input), so a
 * test's `page.call(ref, content)` is checked by the compiler against the handler it calls.
 */
export interface HandlerRef<C = unknown> {
  readonly name: string;
  /** Never set: carries the content's type. */
  readonly content?: C;
}

interface Reaction {
  keys: ReadonlySet<string>;
  reaction: SessionReaction;
}

interface Entry {
  handler: Handler<never>;
  schema: z.ZodType | null;
  /** Who may call it: the dispatcher checks it before middleware and validation. */
  access: Access;
}

/** `liveviewHandler(name, { loginRequired: true, schema }, handler)`: who may call it, and what content it takes. */
export interface HandlerOptions<S extends z.ZodType = z.ZodType> extends Access {
  schema?: S;
}

/**
 * One app's handlers. `liveviewHandler` and its siblings write to the process-wide default, as django-liveview has
 * one; an app given `registry: new Registry()` keeps its handlers apart from every other app in the process.
 */
export class Registry {
  private readonly handlers = new Map<string, Entry>();
  readonly middleware: Middleware[] = [];
  private readonly registered: Reaction[] = [];
  /** Every key some reaction watches: most saves change none of them, and that is answered without a list. */
  private readonly watchedKeys = new Set<string>();
  /** What each upload name accepts (docs/guide/uploads.md). */
  private readonly uploads = new Map<string, UploadRule>();

  constructor() {
    this.register(NAVIGATE_FUNCTION, null, navigate as Handler<never>);
    // The built-in drafts of `data-liveview-draft` forms; an app may register its own under the same names.
    registerDrafts(this);
    registerUploadCalls(this);
  }

  /** `registry.upload("avatar", { accept: [".png", ".jpg"], maxFileSize: 2_000_000 })`: an input may upload to it. */
  upload(name: string, options: UploadOptions = {}): this {
    this.uploads.set(name, uploadRule(name, options));
    return this;
  }

  uploadRule(name: string): UploadRule | undefined {
    return this.uploads.get(name);
  }

  /** With `access`, the handler runs only for a user who passes it (the dispatcher checks, before anything else). */
  register(name: string, schema: z.ZodType | null, handler: Handler<never>, access: Access = {}): void {
    this.handlers.set(name, { handler, schema, access });
  }

  /** `registry.handler(name, [options | schema,] handler)`: as `liveviewHandler`, on this registry. */
  handler(name: string, handler: Handler<Content>): this;
  handler<S extends z.ZodType>(name: string, schema: S, handler: Handler<z.infer<S>>): this;
  handler<S extends z.ZodType>(
    name: string,
    options: HandlerOptions<S> & { schema: S },
    handler: Handler<z.infer<S>>,
  ): this;
  handler(name: string, options: Access, handler: Handler<Content>): this;
  handler(name: string, a: Handler<Content> | z.ZodType | HandlerOptions, b?: Handler<never>): this {
    if (typeof a === "function") this.register(name, null, a as Handler<never>);
    else if (isSchema(a)) this.register(name, a, b!);
    else {
      const { schema = null, ...access } = a;
      this.register(name, schema, b!, access);
    }
    return this;
  }

  use(middleware: Middleware): this {
    this.middleware.push(middleware);
    return this;
  }

  onSessionChange(keys: string | string[], reaction: SessionReaction): this {
    const watched = new Set(Array.isArray(keys) ? keys : [keys]);
    this.registered.push({ keys: watched, reaction });
    for (const key of watched) this.watchedKeys.add(key);
    return this;
  }

  /** The session-change reactions, in registration order. */
  get reactions(): readonly Reaction[] {
    return this.registered;
  }

  get(name: string): Entry | undefined {
    return this.handlers.get(name);
  }

  names(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** Whether any reaction watches one of these keys (asked once per save, before anything is queued). */
  reactsTo(changed: readonly string[]): boolean {
    for (const key of changed) if (this.watchedKeys.has(key)) return true;
    return false;
  }

  reactionsFor(changed: string[]): SessionReaction[] {
    return this.registered.filter((r) => changed.some((k) => r.keys.has(k))).map((r) => r.reaction);
  }
}

/** The process-wide registry that `liveviewHandler` writes to, as django-liveview has one. */
export const registry = new Registry();

/**
 * Registers `handler` under `name`. With a zod schema, `content` is validated (a mismatch is an error reply,
 * and the handler does not run) and typed by it. With options, `loginRequired` and `permission` say who may
 * call it (checked on every call, against the user of that call), and `schema` is the content's schema.
 */
export function liveviewHandler(name: string, handler: Handler<Content>): HandlerRef;
export function liveviewHandler<S extends z.ZodType>(
  name: string,
  schema: S,
  handler: Handler<z.infer<S>>,
): HandlerRef<z.input<S>>;
export function liveviewHandler<S extends z.ZodType>(
  name: string,
  options: HandlerOptions<S> & { schema: S },
  handler: Handler<z.infer<S>>,
): HandlerRef<z.input<S>>;
export function liveviewHandler(name: string, options: Access, handler: Handler<Content>): HandlerRef;
export function liveviewHandler(
  name: string,
  a: Handler<Content> | z.ZodType | HandlerOptions,
  b?: Handler<never>,
): HandlerRef {
  (registry.handler as (name: string, a: unknown, b?: unknown) => Registry)(name, a, b);
  return { name };
}

function isSchema(value: object): value is z.ZodType {
  return typeof (value as Partial<z.ZodType>).safeParse === "function";
}

/** Allows uploads under `name` on the process-wide registry, as `liveviewHandler` registers a handler. */
export function liveviewUpload(name: string, options: UploadOptions = {}): void {
  registry.upload(name, options);
}

export function liveviewMiddleware(middleware: Middleware): void {
  registry.use(middleware);
}

/** `onSessionChange("counter", (consumer) => ...)`: re-render what depends on a key when another tab changes it. */
export function onSessionChange(keys: string | string[], reaction: SessionReaction): void {
  registry.onSessionChange(keys, reaction);
}
