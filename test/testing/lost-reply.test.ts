// A reply lost with its connection, step by step in the real client: the server applied the click, the page never
// saw the new count; after the reconnect the page shows it without a reload, and the click counted once.

import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { cleanup, FaultProxy, render } from "../../src/testing/index.ts";
import { demoForFile } from "../demo/demo.ts";

const BUTTON = "[data-liveview-function=increment_counter]";
const demo = demoForFile();
let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await FaultProxy.start(demo.baseUrl);
});
afterAll(() => proxy.close());
afterEach(cleanup);

it("a click whose reply was lost with the connection shows its count after the reconnect", async () => {
  const page = await render(proxy.url, "/counter/", { app: demo.app });
  await page.click(BUTTON);
  expect(page.text("#counter-display")).toBe("Counter: 1");
  // The link goes dead right behind the click: the call reaches the server, whatever it answers is lost.
  const before = proxy.stats.frames;
  const passed = proxy.waitFor((s) => s.frames > before);
  void page.click(BUTTON, { idle: false });
  await passed;
  proxy.halfOpen();
  const click = page.record.sent.at(-1)!.id;
  await proxy.waitFor((s) => s.held >= 1);
  expect(await page.session()).toMatchObject({ counter: 2 });
  expect(page.text("#counter-display")).toBe("Counter: 1");
  // The connection is found dead; the page reconnects and sends the click again.
  proxy.heal();
  proxy.cut();
  await page.idle();
  expect(page.record.received).toContainEqual({ ack: click, replayed: true });
  expect(await page.session()).toMatchObject({ counter: 2 });
  expect(page.text("#counter-display")).toBe("Counter: 2");
});
