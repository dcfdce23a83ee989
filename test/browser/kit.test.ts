// The test kit's browser helpers in Chromium: an app of the test's own, latency from the client, a dropped
// connection, and a faulty link between Chromium and the server.

import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createDemoApp } from "../../examples/demo/app.ts";
import {
  dropConnection,
  FaultProxy,
  setLatency,
  startTestApp,
  waitForIdle,
  type TestApp,
} from "../../src/testing/index.ts";
import { launch, openPage } from "./browser.ts";

const ADD = "button[data-liveview-function=increment_counter]";
let browser: Browser;
let app: TestApp;
beforeAll(async () => {
  [browser, app] = await Promise.all([launch(), startTestApp((settings) => createDemoApp({ settings }))]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

it("latency shows the loading state; a dropped connection comes back; the client settles each time", async () => {
  const context = await browser.newContext();
  const page = await openPage(context, app.url + "/counter/");
  await setLatency(page, 300);
  await page.click(ADD);
  await page.waitForSelector("html[data-liveview-loading]");
  await waitForIdle(page);
  expect(await page.textContent("#counter-display")).toMatch(/Counter:\s*1\b/);

  await setLatency(page, 0);
  await dropConnection(page);
  await page.click(ADD);
  await waitForIdle(page);
  expect(await page.textContent("#counter-display")).toMatch(/Counter:\s*2\b/);
  expect(page.errors).toEqual([]);
  await context.close();
});

it("through a faulty link, every click counts once", { timeout: 90_000 }, async () => {
  const proxy = await FaultProxy.start(app.url);
  try {
    const context = await browser.newContext();
    const page = await openPage(context, proxy.url + "/counter/");
    await page.click(ADD);
    await waitForIdle(page);
    proxy.set({ drop: 0.3, duplicate: 0.3, jitter: 200, seed: 3 });
    for (let i = 1; i < 10; i++) await page.click(ADD);
    await waitForIdle(page, { timeout: 60_000 });
    proxy.heal();
    console.log("Chromium through faults:", JSON.stringify(proxy.stats));
    expect(proxy.stats.dropped).toBeGreaterThan(0);
    await page.reload();
    expect(await page.textContent("#counter-display")).toMatch(/Counter:\s*10\b/);
    await context.close();
  } finally {
    await proxy.close();
  }
});
