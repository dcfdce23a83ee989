// The render context: a stack of name→value layers over the caller's values, plus per-render state for tags.

import type { Template } from "./template.ts";
import type { TemplateEnvironment } from "./environment.ts";

/** A name not found anywhere: rendered as "" and false in {% if %}, unlike a value that is None (null). */
export const MISSING: unique symbol = Symbol("missing");
export type Resolved = unknown | typeof MISSING;

/** Python's names for the three constants, found when no layer defines them (Django's context builtins). */
const BUILTINS: Record<string, unknown> = { True: true, False: false, None: null };

/** Whether `key` is a value of `obj` (own, or a getter of its class), not something every object inherits. */
export function hasKey(obj: object, key: string): boolean {
  if (Object.hasOwn(obj, key)) return true;
  // A class's `constructor` is on its prototype; a template has no business reaching the class.
  if (!(key in obj) || key === "constructor") return false;
  let proto = Object.getPrototypeOf(obj) as object | null;
  while (proto && proto !== Object.prototype && proto !== Function.prototype && proto !== Array.prototype) {
    if (Object.hasOwn(proto, key)) return true;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return false;
}

/** State that lives for one template's render (cycle positions, inherited blocks); includes get their own. */
export class RenderContext {
  private readonly frames: Map<unknown, unknown>[] = [new Map()];
  get(key: unknown): unknown {
    return this.frames[this.frames.length - 1]!.get(key);
  }
  set(key: unknown, value: unknown): void {
    this.frames[this.frames.length - 1]!.set(key, value);
  }
  has(key: unknown): boolean {
    return this.frames[this.frames.length - 1]!.has(key);
  }
  /** Runs `fn` with fresh state (isolated: an included template) or with the current state shared (extends). */
  with<T>(isolated: boolean, fn: () => T): T {
    this.frames.push(isolated ? new Map() : new Map(this.frames[this.frames.length - 1]));
    try {
      return fn();
    } finally {
      this.frames.pop();
    }
  }
}

export class Context {
  private layers: object[];
  autoescape = true;
  renderContext = new RenderContext();
  /** The template being rendered, for error messages and relative lookups. */
  template: Template | null = null;

  constructor(
    values: object,
    readonly env: TemplateEnvironment,
    /** The language to translate into, e.g. "fr" or "pt-br". */
    public language: string,
  ) {
    // Names a template sets ({% firstof … as x %}) go in a layer of its own, never into the caller's object.
    this.layers = [values, Object.create(null) as object];
  }

  get(key: string): Resolved {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i]!;
      if (layer instanceof Map) {
        if (layer.has(key)) return layer.get(key);
      } else if (hasKey(layer, key)) {
        return (layer as Record<string, unknown>)[key];
      }
    }
    return Object.hasOwn(BUILTINS, key) ? BUILTINS[key] : MISSING;
  }

  has(key: string): boolean {
    return this.get(key) !== MISSING;
  }

  /** Sets a name in the innermost layer. */
  set(key: string, value: unknown): void {
    (this.layers[this.layers.length - 1] as Record<string, unknown>)[key] = value;
  }

  /** Sets a name where it is already defined, or in the innermost layer (Django's set_upward). */
  setUpward(key: string, value: unknown): void {
    for (let i = this.layers.length - 1; i > 0; i--) {
      if (Object.hasOwn(this.layers[i]!, key)) {
        (this.layers[i] as Record<string, unknown>)[key] = value;
        return;
      }
    }
    this.set(key, value);
  }

  /** Runs `fn` with a new innermost layer holding `values`. */
  push<T>(values: Record<string, unknown>, fn: () => T): T {
    const layer = Object.assign(Object.create(null) as object, values);
    this.layers.push(layer);
    const depth = this.layers.length;
    try {
      return fn();
    } finally {
      this.layers.length = depth - 1;
    }
  }

  /** Runs `fn` with only `values` visible (include … only), keeping the rest of the render state. */
  isolated<T>(values: Record<string, unknown>, fn: () => T): T {
    const saved = this.layers;
    this.layers = [Object.assign(Object.create(null) as object, values)];
    try {
      return fn();
    } finally {
      this.layers = saved;
    }
  }
}

export const isMissing = (v: unknown): v is typeof MISSING => v === MISSING;
