// An app for one test (or one test file, or one Playwright fixture): made with a SQLite file of its own, served on
// a free port of 127.0.0.1, closed with its database when the test is done.

import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { App } from "../server/app.ts";

export interface TestApp {
  readonly app: App;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly databaseUrl: string;
  close(): Promise<void>;
}

/** `make` receives the settings the app must use (its own DATABASE_URL) and returns the app, as `makeApp` does. */
export async function startTestApp(make: (settings: { DATABASE_URL: string }) => App | Promise<App>): Promise<TestApp> {
  const file = join(mkdtempSync(join(tmpdir(), "liveview-app-")), "db.sqlite3");
  const databaseUrl = `sqlite:${file}`;
  const app = await make({ DATABASE_URL: databaseUrl });
  const server = await app.listen(0, "127.0.0.1");
  return {
    app,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    databaseUrl,
    async close() {
      await app.close();
      rmSync(dirname(file), { recursive: true, force: true });
    },
  };
}

/**
 * A Playwright Test fixture serving a fresh app per test:
 * `const test = base.extend<{ app: TestApp }>({ app: appFixture(makeApp) })`.
 */
export function appFixture(make: Parameters<typeof startTestApp>[0]) {
  // Playwright reads a fixture's first parameter to find what it depends on: it must be an object pattern.
  // eslint-disable-next-line no-empty-pattern
  return async ({}: object, use: (app: TestApp) => Promise<void>): Promise<void> => {
    const running = await startTestApp(make);
    try {
      await use(running);
    } finally {
      await running.close();
    }
  };
}
