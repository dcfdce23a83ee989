// A bad network between the page and the server: frames lost (with their connection), doubled and delayed.

import assert from "node:assert/strict";
import { after, afterEach, test } from "node:test";
import { cleanup, FaultProxy, render, startTestApp } from "liveview-node/testing";
import { makeApp } from "../app.js";

const served = await startTestApp(makeApp);
const proxy = await FaultProxy.start(served.url);
afterEach(cleanup);
after(async () => {
  await proxy.close();
  await served.close();
});

test("every click counts once through drops, duplicates and jitter", async () => {
  const button = "button[data-liveview-function=increment_counter]";
  const page = await render(proxy.url, "/", { app: served.app });
  await page.click(button); // over a sound link: the client learns that this server acknowledges calls

  proxy.set({ drop: 0.3, duplicate: 0.3, jitter: 200 });
  for (let i = 0; i < 4; i++) await page.click(button, { idle: false });
  await page.idle({ timeout: 60_000 });
  proxy.heal();

  assert.equal((await page.session()).counter, 5);
});
