// The TypeScript peer: LiveViewJS 0.8.1 on Express, serving the same counter (state in the socket's memory, diffs).
//
// LiveViewJS fetches a MIME table from the internet when it loads; the benchmark never reaches the network, so
// this process's fetch refuses every request before the library is imported (it logs the refusal and goes on).

import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { RequestListener } from "node:http";
import { createServer } from "node:http";
import { WebSocketServer } from "ws";
import { serveParent } from "./stats.ts";

globalThis.fetch = async (input: string | URL | Request) => {
  const url = input instanceof Request ? input.url : String(input);
  return new Response(null, { status: 403, statusText: `refused by the benchmark (no network): ${url}` });
};

/** The little of LiveViewJS used here (its package's exports hide its type declarations from TypeScript). */
interface CounterSocket {
  context: { count: number };
  assign(context: { count: number }): void;
}
interface LiveViewJs {
  html(strings: TemplateStringsArray, ...values: unknown[]): unknown;
  createLiveView(view: {
    mount(socket: CounterSocket): void;
    handleEvent(event: { type: string }, socket: CounterSocket): void;
    render(context: { count: number }): unknown;
  }): unknown;
}
interface LiveViewJsExpress {
  NodeExpressLiveViewServer: new (
    routes: Record<string, unknown>,
    page: (title: unknown, csrfToken: string, content: unknown) => unknown,
    title: { title: string },
    options: { serDeSigningSecret: string },
  ) => { httpMiddleware(): unknown; wsMiddleware(): (wss: WebSocketServer) => Promise<void> };
}
const packageOf = <T>(name: string) => import(name) as Promise<T>;
const { createLiveView, html } = await packageOf<LiveViewJs>("liveviewjs");
const { NodeExpressLiveViewServer } = await packageOf<LiveViewJsExpress>("@liveviewjs/express");
// Express and express-session come with @liveviewjs/express; they ship no types, and only these calls are used.
const require = createRequire(import.meta.url);
type Middleware = (...args: unknown[]) => unknown;
const express = require("express") as () => RequestListener & { use(middleware: Middleware): void };
const session = require("express-session") as (options: object) => Middleware;

/** Signs the peer's sessions and page tokens: a constant, as the benchmark's sessions live for one run. */
const SECRET = "liveview-node benchmark peer";

const counter = createLiveView({
  mount: (socket) => socket.assign({ count: 0 }),
  handleEvent: (event, socket) => {
    if (event.type === "increment") socket.assign({ count: socket.context.count + 1 });
  },
  // Not "Counter: <strong>N</strong>": the count is the socket's, not the session's, so the page has none to show.
  render: (context) =>
    html`<div id="counter-display">Count: <b>${context.count}</b></div>
      <button phx-click="increment">Increment</button>`,
});

const server = new NodeExpressLiveViewServer(
  { "/counter": counter },
  (_title, csrfToken, content) =>
    html`<!doctype html>
      <html>
        <head>
          <meta name="csrf-token" content="${csrfToken}" />
        </head>
        <body>
          ${content}
        </body>
      </html>`,
  { title: "Counter" },
  { serDeSigningSecret: SECRET },
);

const app = express();
app.use(session({ secret: SECRET, resave: false, saveUninitialized: true }));
app.use(server.httpMiddleware() as Middleware);
const http = createServer(app);
const wss = new WebSocketServer({ server: http });
await server.wsMiddleware()(wss);
const host = process.env.BENCH_HOST ?? "127.0.0.1";
await new Promise<void>((resolve) => http.listen(0, host, resolve));

serveParent(
  (http.address() as AddressInfo).port,
  () =>
    new Promise<void>((resolve) => {
      for (const client of wss.clients) client.terminate();
      http.closeAllConnections();
      http.close(() => resolve());
    }),
);
