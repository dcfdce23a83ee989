// The template environment: Django's template language read from directories, each template parsed once and
// cached, rendered synchronously with autoescaping on, in the language of the current request or message.

import { activeLanguage } from "../i18n/language.ts";
import { builtinLibrary, i18nLibrary, liveviewLibrary, staticLibrary } from "./builtins.ts";
import { Context } from "./context.ts";
import { TemplateSyntaxError } from "./errors.ts";
import { Library } from "./library.ts";
import { loadSource } from "./loader.ts";
import type { UrlResolver } from "./tags/liveview.ts";
import { Template } from "./template.ts";

/** Sources given to renderString are parsed once too; past this many distinct ones, the oldest are dropped. */
const MAX_CACHED_STRINGS = 500;

export class TemplateEnvironment {
  private readonly directories: string[] = [];
  private readonly cache = new Map<string, Template>();
  private readonly stringCache = new Map<string, Template>();
  /** Tags and filters every template has: Django's builtins plus the static, i18n and LiveView ones. */
  private readonly builtins: Library[];
  /** Libraries by the name `{% load %}` takes. */
  readonly libraries = new Map<string, Library>();
  /** Filters and tags the app registers for every template (as Django's `builtins` option). */
  readonly custom = new Library();
  private resolver: UrlResolver | null = null;

  constructor(directories: string[] = []) {
    this.directories.push(...directories);
    const statics = staticLibrary();
    const i18n = i18nLibrary();
    const liveview = liveviewLibrary();
    this.libraries.set("static", statics).set("i18n", i18n).set("l10n", new Library()).set("liveview", liveview);
    this.builtins = [builtinLibrary(), statics, i18n, liveview, this.custom];
  }

  /** Adds a directory to search, after those already added. */
  addDirectory(directory: string): void {
    if (!this.directories.includes(directory)) this.directories.push(directory);
  }

  /** A library of tags and filters that templates take with `{% load name %}`. */
  library(name: string): Library {
    let lib = this.libraries.get(name);
    if (!lib) this.libraries.set(name, (lib = new Library()));
    return lib;
  }

  /** Sets how `{% url %}` turns a route name into a path (the app does this with its router). */
  setUrlResolver(resolver: UrlResolver): void {
    this.resolver = resolver;
  }

  reverse(name: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): string {
    if (!this.resolver) throw new TemplateSyntaxError(`{% url '${name}' %}: no routes are registered`);
    return this.resolver(name, args, kwargs);
  }

  getTemplate(name: string): Template {
    let template = this.cache.get(name);
    if (!template) {
      template = new Template(loadSource(name, this.directories), name, this.builtins, this.libraries);
      this.cache.set(name, template);
    }
    return template;
  }

  /** A template from source; an unnamed one is called "<string>" in errors. */
  fromString(source: string, name = "<string>"): Template {
    let template = this.stringCache.get(source);
    if (!template) {
      template = new Template(source, name, this.builtins, this.libraries);
      if (this.stringCache.size >= MAX_CACHED_STRINGS) this.stringCache.delete(this.stringCache.keys().next().value!);
      this.stringCache.set(source, template);
    }
    return template;
  }

  /** Renders synchronously; `language` defaults to the current request's or message's. */
  render(template: Template, context: object = {}, language = activeLanguage()): string {
    return template.render(new Context(context, this, language));
  }

  renderSync(name: string, context: object = {}, language?: string): string {
    return this.render(this.getTemplate(name), context, language);
  }

  async renderToString(name: string, context: object = {}): Promise<string> {
    return this.renderSync(name, context);
  }

  async renderString(source: string, context: object = {}): Promise<string> {
    return this.render(this.fromString(source), context);
  }
}

/** The process-wide environment behind `renderToString`, as Django has one template engine per project. */
export const templates = new TemplateEnvironment();

export function renderToString(name: string, context: object = {}): Promise<string> {
  return templates.renderToString(name, context);
}
