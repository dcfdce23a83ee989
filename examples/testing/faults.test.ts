import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { cleanup, FaultProxy, render, startTestApp, type TestApp } from "liveview-node/testing";
import { makeApp } from "./app.ts";

let served: TestApp;
let proxy: FaultProxy;
beforeAll(async () => {
  served = await startTestApp(makeApp);
  proxy = await FaultProxy.start(served.url);
});
afterEach(cleanup);
afterAll(async () => {
  await proxy.close();
  await served.close();
});

it("counts every click once through a bad network", { timeout: 60_000 }, async () => {
  const page = await render(proxy.url, "/", { app: served.app });
  await page.click("#add"); // over a sound link first: the client now knows this server acknowledges calls

  proxy.set({ drop: 0.3, duplicate: 0.3, jitter: 200 });
  for (let i = 0; i < 9; i++) await page.click("#add", { idle: false });
  await page.idle({ timeout: 50_000 });
  proxy.heal();

  expect(await page.session()).toMatchObject({ count: 10 });
});

it("keeps the clicks made while the link was dead", async () => {
  const page = await render(proxy.url, "/", { app: served.app });
  await page.click("#add");

  proxy.halfOpen(); // frames vanish, yet the connection looks open
  await page.click("#add", { idle: false });
  await page.click("#add", { idle: false });
  await proxy.waitFor((stats) => stats.held === 2); // both reached the dead link
  expect(page.document.documentElement.getAttribute("data-liveview-outbox")).toBe("2");

  proxy.heal();
  await page.reload(); // the next page sends what the last one could not
  page.assertSee("Count: 3");
});
