// The counter through a faulty link: 30 % of frames lost (each with its connection), 30 % duplicated, 200 ms of
// jitter. Every click counts once, no more, no less.

import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { cleanup, FaultProxy, render } from "../../src/testing/index.ts";
import { demoForFile } from "../demo/demo.ts";

const CLICKS = 12;
const SETTLE_MS = 60_000;
const demo = demoForFile();
let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await FaultProxy.start(demo.baseUrl);
});
afterAll(() => proxy.close());
afterEach(cleanup);

it(
  "a burst of clicks through drops, duplicates and jitter counts each click exactly once",
  { timeout: 90_000 },
  async () => {
    const page = await render(proxy.url, "/counter/", { app: demo.app });
    // The client replays unacknowledged calls only once it has seen this server acknowledge one (a django-liveview
    // server never does, and must not get replays): the first click goes over a sound link.
    await page.click("[data-liveview-function=increment_counter]");
    proxy.set({ drop: 0.3, duplicate: 0.3, jitter: 200, seed: 7 });
    for (let i = 1; i < CLICKS; i++) await page.click("[data-liveview-function=increment_counter]", { idle: false });
    await page.idle({ timeout: SETTLE_MS });
    proxy.heal();
    console.log("faulty counter:", JSON.stringify(proxy.stats));
    expect(proxy.stats.dropped).toBeGreaterThan(0);
    expect(proxy.stats.duplicated).toBeGreaterThan(0);
    expect(await page.session()).toMatchObject({ counter: CLICKS });
    await page.reload();
    expect(page.text("#counter-display")).toBe(`Counter: ${CLICKS}`);
  },
);

// Found by the test above: a reply lost with its connection is not sent again. The call is replayed on the next
// connection and the server, holding its receipt, does not run it again; its ack says so ("replayed"), and the page
// renders its <main> again from the session, so it shows the last count without a reload.
it("the page itself shows the last count, without a reload", { timeout: 90_000 }, async () => {
  const page = await render(proxy.url, "/counter/", { app: demo.app });
  await page.click("[data-liveview-function=increment_counter]");
  proxy.set({ drop: 0.3, duplicate: 0.3, jitter: 200, seed: 7 });
  for (let i = 1; i < CLICKS; i++) await page.click("[data-liveview-function=increment_counter]", { idle: false });
  await page.idle({ timeout: SETTLE_MS });
  proxy.heal();
  expect(page.text("#counter-display")).toBe(`Counter: ${CLICKS}`);
});
