// The application: routes and views over node:http, the live WebSocket endpoint, sessions, users and groups.

import { existsSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { UserStore } from "../auth/user-store.ts";
import type { ChannelLayer } from "../channels/channel-layer.ts";
import { BROADCAST_GROUP, DEFAULT_HOST, DEFAULT_PORT, STATIC_URL, UPLOAD_URL } from "../constants.ts";
import type { JsonObject } from "../json.ts";
import { consoleLogger, setConnectionLogger, type Logger } from "../logger.ts";
import type { Consumer } from "../live/connection/consumer.ts";
import { registry as globalRegistry, type Registry } from "../live/calls/registry.ts";
import type { LiveRuntime } from "../live/runtime.ts";
import { SEND_TYPE } from "../live/calls/send.ts";
import { LiveEndpoint } from "../live/connection/endpoint.ts";
import { SessionWatchers } from "../live/sync/session-watchers.ts";
import { Presence } from "../live/presence/presence.ts";
import type { PresenceStore } from "../live/presence/presence-store.ts";
import type { SessionLock } from "../session/session-lock.ts";
import type { SessionStore } from "../session/session-store.ts";
import { Sessions } from "../session/sessions.ts";
import { loadSettings, type Settings } from "../settings.ts";
import { loadCatalogs } from "../i18n/catalogs.ts";
import { setDefaultLanguage } from "../i18n/language.ts";
import { TemplateEnvironment, templates as defaultTemplates } from "../templates/environment.ts";
import { createDeployment } from "./deployment.ts";
import { drainSockets, type DrainOptions } from "./drain.ts";
import { handleRequest } from "./handle-request.ts";
import { createHttpServer } from "./http-limits.ts";
import { mainContent, pageTitle } from "./page-parts.ts";
import { buildRequest, type Request } from "./request.ts";
import { requestUrl } from "./request-target.ts";
import { errorResponse } from "./error-response.ts";
import { hasCode } from "../errors.ts";
import { HttpResponse, html } from "./response.ts";
import { Router, type Match, type RouteOptions, type View } from "./router.ts";
import { Uploads } from "../uploads/uploads.ts";
import type { UploadStore } from "../uploads/upload-store.ts";

export interface AppOptions {
  settings?: Partial<Settings>;
  /** Directories searched for templates, in order. */
  templates?: string[];
  /** Directories served under /static/. */
  static?: string[];
  /**
   * The app's handlers. Without one, the process-wide registry that `liveviewHandler` writes to, and the app's
   * template folders are also added to the process-wide `renderToString`'s (the Django-like default). With one,
   * nothing is shared: handlers render with `consumer.templates`.
   */
  registry?: Registry;
  /** Where the framework logs (the console by default); anything shaped like pino's or the console's logger. */
  logger?: Logger;
  /**
   * The page for a GET to a path no route matches (Django's handler404), run like a view, with the session; it
   * answers 404 whatever status it returns below 400. Without it the answer is a plain-text "Not found".
   */
  notFound?: View;
  /** Called with every error a view or a handler raised, after it was answered and logged. */
  onError?: ErrorListener;
  /** Seams for other deployments (Redis, PostgreSQL); the settings pick the defaults. */
  sessionStore?: SessionStore;
  sessionLock?: SessionLock;
  channels?: ChannelLayer;
  users?: UserStore;
  /** Where finished uploads are kept: local disk under UPLOAD_ROOT by default. */
  uploadStore?: UploadStore;
  presenceStore?: PresenceStore;
}

export type ErrorListener = (error: unknown, where: { view?: string; handler?: string }) => void;

/** The browser bundle, built into the package (`src/server/` and `dist/server/` both sit two folders below it). */
const CLIENT_DIST = join(dirname(fileURLToPath(import.meta.url)), "../../dist/client");
const CLIENT_FILE = "liveview.js";

export class App implements LiveRuntime {
  readonly settings: Settings;
  readonly router = new Router();
  readonly registry: Registry;
  readonly channels: ChannelLayer;
  readonly sessions: Sessions;
  readonly users: UserStore;
  readonly staticDirectories: string[];
  readonly clientDirectory = CLIENT_DIST;
  readonly templates: TemplateEnvironment;
  readonly logger: Logger;
  readonly onError: ErrorListener | null;
  readonly notFound: View | null;
  readonly live: LiveEndpoint;
  readonly watchers: SessionWatchers;
  readonly uploads: Uploads;
  /** Who is in each topic (`track` from a handler; `app.presence.list(topic)` anywhere). */
  readonly presence: Presence;
  private readonly servers = new Set<Server>();

  constructor(options: AppOptions = {}) {
    this.settings = loadSettings(options.settings);
    this.registry = options.registry ?? globalRegistry;
    this.logger = options.logger ?? consoleLogger;
    if (options.logger) setConnectionLogger(options.logger);
    this.onError = options.onError ?? null;
    this.notFound = options.notFound ?? null;
    // What the options do not bring, the settings choose (SQLite and memory, or Redis and PostgreSQL).
    const deployment = createDeployment(this.settings, { use: options });
    this.channels = deployment.channels;
    this.sessions = new Sessions(
      deployment.sessionStore,
      deployment.sessionLock,
      this.channels,
      this.settings.SESSION_COOKIE_AGE,
    );
    this.users = deployment.users;
    this.presence = new Presence(deployment.presenceStore, this.channels, this.logger);
    if (options.registry) this.templates = new TemplateEnvironment(options.templates ?? []);
    else {
      this.templates = defaultTemplates;
      for (const dir of options.templates ?? []) defaultTemplates.addDirectory(dir);
    }
    // Catalogs and the default language are the process's, as Django's are the project's.
    setDefaultLanguage(this.settings.LANGUAGE_CODE);
    for (const dir of this.settings.LOCALE_PATHS) loadCatalogs(dir);
    this.templates.setUrlResolver((name, args, kwargs) => this.router.reverse(name, args, kwargs));
    this.staticDirectories = options.static ?? [];
    this.watchers = new SessionWatchers(this.channels, this.registry);
    this.live = new LiveEndpoint(this);
    this.uploads = new Uploads(this.settings, options.uploadStore);
    this.uploads.startSweeping((error) => this.logger.error("liveview: sweeping expired uploads failed", error));
  }

  get(path: string, view: View, options?: RouteOptions): this {
    this.router.add("GET", path, view, options);
    return this;
  }

  post(path: string, view: View, options?: RouteOptions): this {
    this.router.add("POST", path, view, options);
    return this;
  }

  /** The path of a route by its name (Django's reverse): `app.reverse("message", { id: 7 })`. */
  reverse(name: string, params: Record<string, unknown> | unknown[] = {}): string {
    return Array.isArray(params) ? this.router.reverse(name, params) : this.router.reverse(name, [], params);
  }

  /** For node:http, Express or Fastify (raw handler): `server.on("request", app.handler)`. */
  readonly handler = (req: IncomingMessage, res: ServerResponse): void => {
    handleRequest(this, req, res).catch((error) => {
      // A malformed URL or path escape, found before any view ran: the client's mistake, told what it is.
      if (hasCode(error, "bad_request") && !res.headersSent) {
        const answer = errorResponse(error, this.settings, this.logger);
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      }
      this.logger.error("liveview: request failed", error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end("Internal server error");
    });
  };

  /** For Express or Connect: answers the app's routes and static files, passes anything else to `next`. */
  readonly middleware = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    let path: string;
    try {
      path = requestUrl(req.url).pathname;
    } catch {
      return this.handler(req, res); // answers the malformed URL with a 400
    }
    if (path.startsWith(STATIC_URL) || path.startsWith(UPLOAD_URL) || this.router.allows(path).length > 0)
      this.handler(req, res);
    else next();
  };

  /** Answers WebSocket upgrades on /ws/liveview/ for any node:http server (others are left to their listeners). */
  attach(server: Server): this {
    this.checkClientBundle();
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!this.live.handleUpgrade(req, socket, head) && server.listenerCount("upgrade") === 1) socket.destroy();
    });
    this.servers.add(server);
    return this;
  }

  /** Runs its own server; resolves once it listens. Port 0 picks a free port. */
  async listen(
    port = Number(process.env.PORT ?? DEFAULT_PORT),
    host = process.env.HOST ?? DEFAULT_HOST,
  ): Promise<Server> {
    const server = createHttpServer(this.settings, this.handler);
    this.attach(server);
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
    const address = server.address() as AddressInfo;
    const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
    this.logger.info(`liveview: serving http://${shownHost}:${address.port}/ (${this.describeStorage()})`);
    return server;
  }

  /** What start-up says about where sessions live, without the password of a database URL. */
  describeStorage(): string {
    const s = this.settings;
    const database = s.DATABASE_URL.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
    const cache =
      s.SESSION_ENGINE === "db" ? "" : s.REDIS_URL ? `, cache on ${s.REDIS_URL}` : ", cache in this process";
    const groups = s.REDIS_URL ? "groups over Redis" : "groups in this process";
    return `sessions: ${s.SESSION_ENGINE} on ${database}${cache}; ${groups}`;
  }

  /** Without the bundle every page's buttons would do nothing and nobody would say why. */
  private checkClientBundle(): void {
    const file = join(this.clientDirectory, CLIENT_FILE);
    if (!existsSync(file)) {
      throw new Error(
        `liveview: the browser client is missing (${file}); build it with \`npm run build\` in the package`,
      );
    }
  }

  async runView(match: Match, request: Request): Promise<HttpResponse> {
    const result = await match.view(request, match.params);
    return typeof result === "string" ? html(result) : result;
  }

  /** SPA navigation: the GET view at `url`, rendered with the socket's session and user (see live/navigate.ts). */
  async renderPage(
    consumer: Consumer,
    url: string,
  ): Promise<{ html: string; title: string | null; url: string } | { redirect: string }> {
    const target = requestUrl(url);
    const match = this.router.match("GET", target.pathname);
    if (!match || !match.options.live) return { redirect: url };
    const { scope } = consumer;
    const request = buildRequest(this, {
      method: "GET",
      url: target,
      headers: scope.headers,
      cookies: scope.cookies,
      body: {},
      session: scope.session,
      user: scope.user,
      room: scope.room,
      live: true,
    });
    const response = await this.runView(match, request);
    const location = response.headers.Location;
    if (typeof location === "string") return { redirect: location };
    const page = response.status === 200 && response.isHtml ? mainContent(String(response.body)) : null;
    return page === null
      ? { redirect: url }
      : { html: page, title: pageTitle(String(response.body)), url: target.pathname + target.search };
  }

  /** Sends a browser message to every socket of a group, from anywhere (a job, a webhook, another view). */
  sendToGroup(group: string, message: JsonObject): Promise<void> {
    return this.channels.groupSendKept(group, { type: SEND_TYPE, message });
  }

  broadcast(message: JsonObject): Promise<void> {
    return this.sendToGroup(BROADCAST_GROUP, message);
  }

  /**
   * For deploys (SIGTERM): stops taking sockets and connections, moves every socket on over the drain's spread
   * once its handlers and commits are done, then closes (see drain.ts).
   */
  async drain(options: DrainOptions = {}): Promise<void> {
    await drainSockets(this.live, [...this.servers], options.spreadMs ?? this.settings.LIVEVIEW_DRAIN_SPREAD_MS);
    await this.close();
  }

  async close(): Promise<void> {
    this.uploads.close();
    await this.live.close();
    await Promise.all(
      [...this.servers].map(
        (s) =>
          new Promise((resolve) => {
            s.closeAllConnections?.();
            s.close(resolve);
          }),
      ),
    );
    await this.presence.close();
    await this.sessions.close();
    await this.channels.close();
    await this.users.close?.();
  }
}

export function createApp(options: AppOptions = {}): App {
  return new App(options);
}
