// The server killed with a click on its way and started again: the click is not lost.

import { afterEach, test } from "node:test";
import { fileURLToPath } from "node:url";
import { cleanup, render, startAppProcess } from "liveview-node/testing";

const serverScript = fileURLToPath(new URL("../server.js", import.meta.url));
afterEach(cleanup);

test("a click made while the server is down is applied once it is back", async () => {
  const server = await startAppProcess(serverScript);
  const page = await render(server.url, "/");
  await page.click("button[data-liveview-function=increment_counter]");

  await server.kill();
  await page.click("button[data-liveview-function=increment_counter]", { idle: false });
  const again = await server.restart();
  await page.advance(5_000); // the client's reconnect backoff, skipped
  page.assertSee("Count: 2", "#counter");
  await again.stop();
});
