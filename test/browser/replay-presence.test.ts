// In Chromium: broadcasts missed while the socket was down arrive after the reconnect, once and in order; past the
// window the page renders <main> again; the counter page shows who else is on it, and keeps it across a reconnect.

import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launch, openPage } from "./browser.ts";
import { startDemo } from "../demo/demo.ts";
import type { Running } from "../helpers.ts";

/** Collects the `n` of every `liveview:test_ping` event the page gets. */
async function collectPings(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { pings: number[] };
    w.pings = [];
    document.addEventListener("liveview:test_ping", (e) => w.pings.push((e as CustomEvent).detail.n));
  });
}
const pings = (page: Page) => page.evaluate(() => (window as unknown as { pings: number[] }).pings);

/** Cuts every socket and refuses new ones until the returned function is called. */
function cutOff(demo: Running): () => void {
  demo.app.live.draining = true;
  for (const ws of demo.app.live.wss.clients) ws.terminate();
  return () => (demo.app.live.draining = false);
}

describe("replay and presence in Chromium", () => {
  it("gets the broadcasts it missed while its socket was down, once and in order", async () => {
    const [demo, browser] = await Promise.all([startDemo(), launch()]);
    try {
      const page = await openPage(await browser.newContext(), demo.baseUrl + "/counter");
      await collectPings(page);
      await demo.app.broadcast({ action: "test_ping", n: 0 });
      await expect.poll(() => pings(page)).toEqual([0]);
      const reopen = cutOff(demo);
      await page.waitForSelector("html:not([data-liveview-connection=open])");
      for (let n = 1; n <= 5; n++) await demo.app.broadcast({ action: "test_ping", n });
      reopen();
      await page.waitForSelector("html[data-liveview-connection=open]", { timeout: 15_000 });
      await demo.app.broadcast({ action: "test_ping", n: 6 });
      await expect.poll(() => pings(page)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(page.errors).toEqual([]);
    } finally {
      await browser.close();
      await demo.close();
    }
  });

  it("renders <main> again when it missed more than the window holds", async () => {
    const [demo, browser] = await Promise.all([startDemo({ settings: { LIVEVIEW_REPLAY_WINDOW: 3 } }), launch()]);
    try {
      const page = await openPage(await browser.newContext(), demo.baseUrl + "/counter");
      await collectPings(page);
      await demo.app.broadcast({ action: "test_ping", n: 0 });
      await expect.poll(() => pings(page)).toEqual([0]);
      const reopen = cutOff(demo);
      await page.waitForSelector("html:not([data-liveview-connection=open])");
      // What the missed messages would have changed: only a fresh render puts it right.
      await page.evaluate(() => (document.querySelector("#counter-display strong")!.textContent = "stale"));
      for (let n = 1; n <= 5; n++) await demo.app.broadcast({ action: "test_ping", n });
      reopen();
      await page.waitForSelector('#counter-display strong:text-is("0")', { timeout: 15_000 });
      expect(await pings(page)).toEqual([0]);
      expect(page.errors).toEqual([]);
    } finally {
      await browser.close();
      await demo.close();
    }
  });

  it("shows who else is on the counter page, across a reconnect, and no longer once they left", async () => {
    const [demo, browser] = await Promise.all([startDemo(), launch()]);
    try {
      const ada = await openPage(await browser.newContext(), demo.baseUrl + "/counter");
      await ada.waitForSelector('#presence-list:has-text("Nobody else right now.")');
      const bobContext = await browser.newContext();
      const bob = await openPage(bobContext, demo.baseUrl + "/counter");
      await ada.waitForSelector("#presence-list li:has-text('Guest')");
      await bob.waitForSelector("#presence-list li:has-text('Guest')");
      const before = await ada.textContent("#presence-list li");

      // The new sockets track themselves again (a guest is named after the socket: a new name).
      const reopen = cutOff(demo);
      await ada.waitForSelector("html:not([data-liveview-connection=open])");
      reopen();
      await ada.waitForSelector(`#presence-list li:has-text('Guest'):not(:text-is("${before}"))`, { timeout: 15_000 });
      expect(Object.keys(await demo.app.presence.list("counter"))).toHaveLength(2);

      await bobContext.close();
      await ada.waitForSelector('#presence-list:has-text("Nobody else right now.")');
      expect(ada.errors).toEqual([]);
    } finally {
      await browser.close();
      await demo.close();
    }
  });
});
