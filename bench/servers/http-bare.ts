// The HTTP baseline: a bare node:http server rendering the counter page's template, with no session and no framework.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { TemplateEnvironment } from "liveview-node";
import { serveParent } from "./stats.ts";

const host = process.env.BENCH_HOST ?? "127.0.0.1";
// The templates of the counter app that ours serves (servers/counter-app.ts).
const templates = new TemplateEnvironment([join(dirname(fileURLToPath(import.meta.url)), "counter")]);
/** What our render() puts in the context, as constants: the template does the same work, the session none. */
const CONTEXT = {
  user: { id: null, username: "", isAuthenticated: false, isAnonymous: true },
  room: "0".repeat(32),
  csrf_token: "x".repeat(64),
  count: 0,
};

const server = createServer((request, response) => {
  if (request.url !== "/counter") {
    response.writeHead(404).end();
    return;
  }
  templates.renderToString("counter_page.html", CONTEXT).then(
    (html) => response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html),
    (error: Error) => response.writeHead(500).end(error.message),
  );
});
await new Promise<void>((resolve) => server.listen(0, host, resolve));

serveParent(
  (server.address() as AddressInfo).port,
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);
