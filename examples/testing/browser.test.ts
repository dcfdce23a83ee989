import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { setLatency, startTestApp, waitForIdle, type TestApp } from "liveview-node/testing";
import { makeApp } from "./app.ts";

let served: TestApp;
let browser: Browser;
beforeAll(async () => {
  served = await startTestApp(makeApp);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
});
afterAll(async () => {
  await browser.close();
  await served.close();
});

it("shows the call in flight on a slow network, then the count", async () => {
  const page = await browser.newPage();
  await page.goto(served.url);
  await waitForIdle(page);
  await setLatency(page, 500);

  await page.click("#add");
  await page.waitForSelector("#add[aria-busy=true]");
  await waitForIdle(page);
  expect(await page.innerText("#count")).toBe("Count: 1");
});
