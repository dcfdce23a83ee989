// A server restart as a user sees it: a banner while down, clicks kept, and the page working again after.

import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createDemoApp } from "../../examples/demo/app.ts";
import type { App } from "../../src/index.ts";
import { tempDatabaseUrl } from "../helpers.ts";
import { launch, openPage } from "./browser.ts";

let browser: Browser;
let app: App | null = null;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("reconnecting in Chromium", () => {
  it("shows the banner while the server is down, queues clicks, and carries on after a restart", async () => {
    const databaseUrl = tempDatabaseUrl();
    app = await createDemoApp({ settings: { DATABASE_URL: databaseUrl } });
    const port = ((await app.listen(0, "127.0.0.1")).address() as AddressInfo).port;
    const base = `http://127.0.0.1:${port}`;
    const context = await browser.newContext();
    const page = await openPage(context, base + "/counter");
    expect(await page.isVisible("#no-connection")).toBe(false);
    await page.click("button[data-liveview-function=increment_counter]");
    await page.waitForSelector('#counter-display strong:text-is("1")');

    await app.close();
    app = null;
    await page.waitForSelector("#no-connection", { state: "visible" });
    expect(await page.getAttribute("html", "data-liveview-connection")).not.toBe("open");
    await page.click("button[data-liveview-function=increment_counter]");
    await page.click("button[data-liveview-function=increment_counter]");

    app = await createDemoApp({ settings: { DATABASE_URL: databaseUrl } });
    await app.listen(port, "127.0.0.1");
    await page.waitForSelector("html[data-liveview-connection=open]", { timeout: 15_000 });
    await page.waitForSelector('#counter-display strong:text-is("3")');
    expect(await page.isVisible("#no-connection")).toBe(false);
    await page.click("button[data-liveview-function=increment_counter]");
    await page.waitForSelector('#counter-display strong:text-is("4")');
    await page.reload();
    expect(await page.textContent("#counter-display strong")).toBe("4");
    await context.close();
  });
});
