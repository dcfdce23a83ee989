// The demo app for the demo's own tests (and the browser tests that click through it): on a fresh SQLite file, a
// fresh upload folder and a free port.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDemoApp } from "../../examples/demo/app.ts";
import { type AppOptions } from "../../src/index.ts";
import { forFile, serve, tempDatabaseUrl, type Running } from "../helpers.ts";

export { DEMO_USER } from "../../examples/demo/accounts.ts";
export type { Running };

export async function startDemo(options: AppOptions = {}): Promise<Running> {
  const UPLOAD_ROOT = join(mkdtempSync(join(tmpdir(), "liveview-demo-uploads-")), "uploads");
  return serve(
    await createDemoApp({
      ...options,
      settings: { DATABASE_URL: tempDatabaseUrl(), UPLOAD_ROOT, ...options.settings },
    }),
  );
}

/** One demo server for a test file: started before its tests (then `setUp` runs), closed after them. */
export function demoForFile(options: AppOptions = {}, setUp: (demo: Running) => void = () => undefined): Running {
  return forFile(() => startDemo(options), setUp);
}
