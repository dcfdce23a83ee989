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

describe("a call in flight when the connection drops", () => {
  it("is sent again on reconnect and applied exactly once", async () => {
    const { liveviewHandler } = await import("../../src/index.ts");
    const { startDemo } = await import("../demo/demo.ts");
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    liveviewHandler("slow_increment", async (consumer) => {
      runs++;
      const session = consumer.scope.session;
      session.set("counter", session.get("counter", 0) + 1);
      await session.save();
      started();
      await released;
    });
    const demo = await startDemo();
    try {
      const context = await browser.newContext();
      const page = await openPage(context, demo.baseUrl + "/counter");
      await page.click("button[data-liveview-function=increment_counter]");
      await page.waitForSelector('#counter-display strong:text-is("1")');
      await page.evaluate(() =>
        (window as unknown as { LiveView: { send(fn: string): string } }).LiveView.send("slow_increment"),
      );
      await handlerStarted;
      // The network drops before the answer: the server never got to acknowledge the call.
      for (const ws of demo.app.live.wss.clients) ws.terminate();
      await page.waitForSelector("html:not([data-liveview-connection=open])");
      await page.waitForSelector("html[data-liveview-connection=open]", { timeout: 15_000 });
      release();
      await page.click("button[data-liveview-function=increment_counter]");
      await page.waitForSelector('#counter-display strong:text-is("3")');
      expect(runs).toBe(1);
      expect((await demo.app.sessions.load((await context.cookies())[0]!.value))?.counter).toBe(3);
      await context.close();
    } finally {
      await demo.close();
    }
  });
});
