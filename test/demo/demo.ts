// The demo app for the demo's own tests (and the browser tests that click through it): on a fresh SQLite file and
// a free port.

import { createDemoApp } from "../../examples/demo/app.ts";
import { type AppOptions } from "../../src/index.ts";
import { forFile, serve, tempDatabaseUrl, type Running } from "../helpers.ts";

export { DEMO_USER } from "../../examples/demo/accounts.ts";
export type { Running };

export async function startDemo(options: AppOptions = {}): Promise<Running> {
  return serve(await createDemoApp({ ...options, settings: { DATABASE_URL: tempDatabaseUrl(), ...options.settings } }));
}

/** One demo server for a test file: started before its tests (then `setUp` runs), closed after them. */
export function demoForFile(options: AppOptions = {}, setUp: (demo: Running) => void = () => undefined): Running {
  return forFile(() => startDemo(options), setUp);
}
