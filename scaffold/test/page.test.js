// The page as a user sees it: rendered with the real client in happy-dom, clicked, reloaded.

import assert from "node:assert/strict";
import { after, afterEach, test } from "node:test";
import { cleanup, render, startTestApp } from "liveview-node/testing";
import { makeApp } from "../app.js";

const served = await startTestApp(makeApp);
afterEach(cleanup);
after(() => served.close());

test("a click adds one to the session's count, and a reload still shows it", async () => {
  const page = await render(served.app, "/")
    .click("button[data-liveview-function=increment_counter]")
    .assertSee("Count: 1", "#counter");
  assert.deepEqual((await page.session()).counter, 1);
  await page.reload();
  page.assertSee("Count: 1", "#counter");
});
