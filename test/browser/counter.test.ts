// The counter in a real browser: click, reload, navigate, a second browser, two tabs in sync.

import { describe, expect, it } from "vitest";
import { demoInBrowser, openPage } from "./browser.ts";

const env = demoInBrowser();

describe("the counter in Chromium", () => {
  it("counts clicks, and the count survives a reload; a new browser starts at 0", async () => {
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/counter");
    await expect.poll(() => page.textContent("#counter-display")).toContain("Counter: 0");
    for (let i = 1; i <= 3; i++) {
      await page.click("button[data-liveview-function=increment_counter]");
      await page.waitForSelector(`#counter-display strong:text-is("${i}")`);
    }
    await page.reload();
    expect(await page.textContent("#counter-display strong")).toBe("3");

    const stranger = await env.browser.newContext();
    const other = await openPage(stranger, env.demo.baseUrl + "/counter");
    expect(await other.textContent("#counter-display strong")).toBe("0");
    expect([...page.errors, ...other.errors]).toEqual([]);
    await Promise.all([context.close(), stranger.close()]);
  });

  it("keeps two tabs showing the same count, clicking in turn and at once, and a reload agrees", async () => {
    const context = await env.browser.newContext();
    const a = await openPage(context, env.demo.baseUrl + "/counter");
    const b = await openPage(context, env.demo.baseUrl + "/counter");
    await a.click("button[data-liveview-function=increment_counter]");
    await b.waitForSelector('#counter-display strong:text-is("1")');
    await b.click("button[data-liveview-function=increment_counter]");
    await a.waitForSelector('#counter-display strong:text-is("2")');
    const clicks = [];
    for (let i = 0; i < 5; i++)
      clicks.push(
        a.click("button[data-liveview-function=increment_counter]"),
        b.click("button[data-liveview-function=increment_counter]"),
      );
    await Promise.all(clicks);
    await a.waitForSelector('#counter-display strong:text-is("12")');
    await b.waitForSelector('#counter-display strong:text-is("12")');
    await a.reload();
    expect(await a.textContent("#counter-display strong")).toBe("12");
    await context.close();
  });
});
