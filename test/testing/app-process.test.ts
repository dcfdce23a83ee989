// startAppProcess: the demo as a process, killed with calls in flight and started again; the kit's page reconnects
// (its backoff skipped with page.advance) and every click counts once.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { cleanup, render, startAppProcess, type AppProcess } from "../../src/testing/index.ts";

const server = join(dirname(fileURLToPath(import.meta.url)), "../demo/server.ts");
/** Longer than any reconnect backoff of the client (RECONNECT_MAX_MS). */
const PAST_ANY_BACKOFF_MS = 5_000;
const running: AppProcess[] = [];
afterEach(async () => {
  await cleanup();
  await Promise.all(running.map((p) => p.stop()));
});

it("a page keeps every click across a kill -9 and a restart of its server", { timeout: 60_000 }, async () => {
  const first = await startAppProcess(server, { execArgv: ["--conditions=source", "--import", "tsx"] });
  running.push(first);
  const page = await render(first.url, "/counter/");
  const add = "[data-liveview-function=increment_counter]";
  await page.click(add);
  for (let i = 0; i < 3; i++) await page.click(add, { idle: false });
  await first.kill();
  for (let i = 0; i < 3; i++) await page.click(add, { idle: false });

  running.push(await first.restart());
  await page.advance(PAST_ANY_BACKOFF_MS);
  await page.reload();
  expect(page.text("#counter-display")).toBe("Counter: 7");
});
