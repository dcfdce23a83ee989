// Shared set-up for tests: the fixture app (test/fixtures/seed-app.ts) on a fresh SQLite file and a free port, and
// clients for it.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { type App, type AppOptions } from "../src/index.ts";
import { callReplies, LiveClient, TestClient } from "../src/testing/index.ts";
import { createSeedApp } from "./fixtures/seed-app.ts";

export { SEED_USER } from "./fixtures/seed-app.ts";

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

/** The fixture app, listening; handlers of a test's own come as `options.registry`. */
export async function startSeed(options: AppOptions = {}): Promise<Running> {
  return serve(await createSeedApp({ ...options, settings: { DATABASE_URL: tempDatabaseUrl(), ...options.settings } }));
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

let lastCall = 0;
/** Calls as the browser client does, with a string id, which the session records when the call changes it. */
export async function callAsPage(socket: LiveClient, fn: string, data: Record<string, string> = {}) {
  const id = `page.${++lastCall}`;
  const start = socket.received.length;
  const acked = socket.next((m) => m.ack === id);
  socket.sendRaw(JSON.stringify({ function: fn, data, form: {}, id }));
  await acked;
  return callReplies(socket.received.slice(start), id);
}

/** A page that increments the session's counter over HTTP, beside the sockets that do it over the WebSocket. */
export function addBumpPage(app: App): void {
  app.get("/bump", (request) => {
    request.session.set("counter", request.session.get("counter", 0) + 1);
    return "bumped";
  });
}

/** One fixture server for a test file: started before its tests (then `setUp` runs), closed after them. */
export function seedForFile(options: AppOptions = {}, setUp: (seed: Running) => void = () => undefined): Running {
  return forFile(() => startSeed(options), setUp);
}

/** A server started before a file's tests and closed after them; the object stands for the server once it runs. */
export function forFile(start: () => Promise<Running>, setUp: (running: Running) => void): Running {
  let running: Running | undefined;
  const current = () =>
    running ??
    (() => {
      throw new Error("the server starts in beforeAll");
    })();
  beforeAll(async () => {
    running = await start();
    setUp(running);
  });
  afterAll(() => running?.close());
  return {
    get app() {
      return current().app;
    },
    get baseUrl() {
      return current().baseUrl;
    },
    client: () => current().client(),
    live: (client, room) => current().live(client, room),
    close: () => current().close(),
  };
}
