// Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core, never a download.

import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startDemo, type Running } from "../demo/demo.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The background-networking flags keep Chromium from calling out to services this machine cannot reach.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A page whose console errors and failed page scripts fail the test that reads `errors`. */
export async function openPage(context: BrowserContext, url: string): Promise<Page & { errors: string[] }> {
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector("html[data-liveview-connection=open]");
  return page;
}

/** One demo server and one browser for a test file, started before its tests and closed after them. */
export function demoInBrowser(): { readonly demo: Running; readonly browser: Browser } {
  const env = {} as { demo: Running; browser: Browser };
  beforeAll(async () => {
    [env.demo, env.browser] = await Promise.all([startDemo(), launch()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.demo?.close();
  });
  return env;
}
