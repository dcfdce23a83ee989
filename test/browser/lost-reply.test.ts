// In Chromium: a click whose reply is lost with its connection. The server applied it; after the reconnect the page
// shows the new count without a reload, and the click counted once.

import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createDemoApp } from "../../examples/demo/app.ts";
import { FaultProxy, startTestApp, waitForIdle, type TestApp } from "../../src/testing/index.ts";
import { launch, openPage } from "./browser.ts";

const ADD = "button[data-liveview-function=increment_counter]";
let browser: Browser;
let app: TestApp;
let proxy: FaultProxy;
beforeAll(async () => {
  [browser, app] = await Promise.all([launch(), startTestApp((settings) => createDemoApp({ settings }))]);
  proxy = await FaultProxy.start(app.url);
});
afterAll(async () => {
  await proxy?.close();
  await browser?.close();
  await app?.close();
});

it("a reply lost with the connection: the page shows the count after the reconnect", async () => {
  const context = await browser.newContext();
  const page = await openPage(context, proxy.url + "/counter/");
  await page.click(ADD);
  await waitForIdle(page);
  expect(await page.textContent("#counter-display")).toMatch(/Counter:\s*1\b/);
  // The link goes dead right behind the next click: the call reaches the server, whatever it answers is lost.
  const before = proxy.stats.frames;
  const passed = proxy.waitFor((s) => s.frames > before);
  const clicked = page.click(ADD);
  await passed;
  proxy.halfOpen();
  await clicked;
  await proxy.waitFor((s) => s.held >= 1);
  expect(await page.textContent("#counter-display")).toMatch(/Counter:\s*1\b/);
  proxy.heal();
  proxy.cut();
  await waitForIdle(page);
  expect(await page.textContent("#counter-display")).toMatch(/Counter:\s*2\b/);
  await page.reload();
  expect(await page.textContent("#counter-display")).toMatch(/Counter:\s*2\b/);
  expect(page.errors).toEqual([]);
  await context.close();
});
