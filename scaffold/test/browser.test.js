// In a real browser, with Playwright: skipped until you add it (npm install --save-dev playwright, then
// npx playwright install chromium), or point CHROMIUM_PATH at a Chromium you have.

import assert from "node:assert/strict";
import { after, test } from "node:test";
import { setLatency, startTestApp, waitForIdle } from "liveview-node/testing";
import { makeApp } from "../app.js";

const playwright = await import("playwright").catch(() => import("playwright-core")).catch(() => null);

test("the page shows the call in flight on a slow network, then the count", { skip: !playwright }, async () => {
  const served = await startTestApp(makeApp);
  const browser = await playwright.chromium.launch({ executablePath: process.env.CHROMIUM_PATH });
  after(async () => {
    await browser.close();
    await served.close();
  });
  const page = await browser.newPage();
  await page.goto(served.url);
  await waitForIdle(page);
  await setLatency(page, 300);
  await page.click("button[data-liveview-function=increment_counter]");
  await page.waitForSelector("html[data-liveview-loading]");
  await waitForIdle(page);
  assert.equal(await page.innerText("#counter strong"), "1");
});
