// Shared set-up for tests: a demo app on a fresh SQLite file and a free port, and clients for it.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { createDemoApp } from "../examples/demo/app.ts";
import { type App, type AppOptions } from "../src/index.ts";
import { LiveClient, TestClient } from "../src/testing/index.ts";

export function tempDatabaseUrl(): string {
  return "sqlite:" + join(mkdtempSync(join(tmpdir(), "liveview-test-")), "db.sqlite3");
}

export interface Running {
  app: App;
  baseUrl: string;
  client(): TestClient;
  live(client?: TestClient, room?: string): Promise<LiveClient>;
  close(): Promise<void>;
}

export async function startDemo(options: AppOptions = {}): Promise<Running> {
  const app = await createDemoApp({ ...options, settings: { DATABASE_URL: tempDatabaseUrl(), ...options.settings } });
  return serve(app);
}

export async function serve(app: App): Promise<Running> {
  const server = await app.listen(0, "127.0.0.1");
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const lives: LiveClient[] = [];
  return {
    app,
    baseUrl,
    client: () => new TestClient(app, baseUrl),
    async live(client, room) {
      // A page's socket presents the page's token with the cookie; the client stands for that page.
      const token = client ? await client.socketToken() : undefined;
      const live = await LiveClient.connect(baseUrl, { cookie: client?.cookieHeader, token, room });
      lives.push(live);
      return live;
    },
    async close() {
      await Promise.all(lives.map((l) => l.close().catch(() => undefined)));
      await app.close();
    },
  };
}

/** The text of an HTML fragment without tags or extra whitespace: what a reader sees. */
export function visibleText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(?:[^>"']|"[^"]*"|'[^']*')*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A page that increments the session's counter over HTTP, beside the sockets that do it over the WebSocket. */
export function addBumpPage(app: App): void {
  app.get("/bump", (request) => {
    request.session.set("counter", request.session.get("counter", 0) + 1);
    return "bumped";
  });
}

/**
 * One demo server for a test file: started before its tests (then `setUp` runs), closed after them. The object
 * stands for the server once it runs.
 */
export function demoForFile(options: AppOptions = {}, setUp: (demo: Running) => void = () => undefined): Running {
  let running: Running | undefined;
  const current = () => running ?? (() => { throw new Error("the demo starts in beforeAll"); })();
  beforeAll(async () => {
    running = await startDemo(options);
    setUp(running);
  });
  afterAll(() => running?.close());
  return {
    get app() { return current().app; },
    get baseUrl() { return current().baseUrl; },
    client: () => current().client(),
    live: (client, room) => current().live(client, room),
    close: () => current().close(),
  };
}
