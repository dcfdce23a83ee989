// Routes by method and path; `:name` segments become params.

import type { HttpResponse } from "./response.ts";
import type { Request } from "./request.ts";
import { decodePathPart } from "./request-target.ts";

export type View = (
  request: Request,
  params: Record<string, string>,
) => Promise<HttpResponse | string> | HttpResponse | string;

export interface RouteOptions {
  /** Whether SPA navigation may render this view over the socket (GET routes only; default true). */
  live?: boolean;
  /** Skip the CSRF check for this POST route (webhooks and the like). */
  csrfExempt?: boolean;
  /** A name for `{% url "name" %}` and `reverse("name")`, as Django's `path(..., name=...)`. */
  name?: string;
}

type Flags = Required<Omit<RouteOptions, "name">>;

interface Route extends Flags {
  method: string;
  path: string;
  pattern: RegExp;
  names: string[];
  view: View;
}

export interface Match {
  view: View;
  params: Record<string, string>;
  options: Flags;
}

export class Router {
  private readonly routes: Route[] = [];
  private readonly named = new Map<string, string>();

  add(method: string, path: string, view: View, options: RouteOptions = {}): void {
    const names: string[] = [];
    const source = path
      .split("/")
      .map((part) =>
        part.startsWith(":") ? (names.push(part.slice(1)), "([^/]+)") : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
      )
      .join("/");
    this.routes.push({
      method,
      path,
      pattern: new RegExp(`^${source}/?$`),
      names,
      view,
      live: options.live ?? method === "GET",
      csrfExempt: options.csrfExempt ?? false,
    });
    if (options.name !== undefined) this.named.set(options.name, path);
  }

  /** The path of a named route, its `:params` filled from `args` in order or from `kwargs` by name. */
  reverse(name: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): string {
    const path = this.named.get(name);
    if (path === undefined)
      throw new Error(
        `Reverse for '${name}' not found: no route has that name (known: ${[...this.named.keys()].join(", ") || "none"})`,
      );
    let position = 0;
    return path
      .split("/")
      .map((part) => {
        if (!part.startsWith(":")) return part;
        const value = Object.hasOwn(kwargs, part.slice(1)) ? kwargs[part.slice(1)] : args[position++];
        if (value === undefined || value === null || String(value) === "")
          throw new Error(`Reverse for '${name}' needs a value for ${part}`);
        return encodeURIComponent(String(value));
      })
      .join("/");
  }

  match(method: string, path: string): Match | null {
    const wanted = method === "HEAD" ? "GET" : method;
    for (const route of this.routes) {
      if (route.method !== wanted) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodePathPart(m[i + 1]!)]));
      return { view: route.view, params, options: { live: route.live, csrfExempt: route.csrfExempt } };
    }
    return null;
  }

  allows(path: string): string[] {
    return this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method);
  }
}
