// The template environment: LiquidJS reading Django-style templates from directories, parsed once, autoescaped.

import { Liquid } from "liquidjs";
import { registerDjangoTags } from "./django-tags.ts";
import { keepOneWayOut, OUTPUT_ESCAPE } from "./escaping.ts";
import { registerJsonScript } from "./json-script.ts";

export class TemplateEnvironment {
  private readonly directories: string[] = [];
  readonly liquid: Liquid;

  constructor(directories: string[] = []) {
    this.directories.push(...directories);
    this.liquid = new Liquid({
      root: this.directories,
      partials: this.directories,
      layouts: this.directories,
      extname: "",
      cache: true,
      outputEscape: OUTPUT_ESCAPE,
      strictFilters: true,
    });
    registerDjangoTags(this.liquid);
    registerJsonScript(this.liquid);
    keepOneWayOut(this.liquid);
  }

  /** Adds a directory to search, after those already added (the array is shared with the Liquid options). */
  addDirectory(directory: string): void {
    if (!this.directories.includes(directory)) this.directories.push(directory);
  }

  renderToString(name: string, context: object = {}): Promise<string> {
    return this.liquid.renderFile(name, context);
  }

  renderString(source: string, context: object = {}): Promise<string> {
    return this.liquid.parseAndRender(source, context);
  }
}

/** The process-wide environment behind `renderToString`, as Django has one template engine per project. */
export const templates = new TemplateEnvironment();

export function renderToString(name: string, context: object = {}): Promise<string> {
  return templates.renderToString(name, context);
}
