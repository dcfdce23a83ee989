// kill -9 between keystrokes: a real server process on a SQLite file, a real Chromium typing in the contact form.
// What the server acknowledged survives the kill; what was typed while it was down waits in the browser's outbox
// and arrives once it is back.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launch, openPage } from "../browser/browser.ts";
import { tempDatabaseUrl } from "../helpers.ts";
import { freePort, startServer, type ServerProcess } from "../scale/processes.ts";

const DEMO_SERVER = "test/demo/server.ts";

let browser: Browser;
let server: ServerProcess | null = null;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a server killed with SIGKILL between keystrokes", () => {
  it("loses no acknowledged keystroke, and delivers the ones typed while it was down", async () => {
    const env = { DATABASE_URL: tempDatabaseUrl(), PORT: String(await freePort()) };
    server = await startServer(env, DEMO_SERVER);
    const context = await browser.newContext();
    const page = await openPage(context, server.url + "/contact");
    await page.type("input[name=name]", "Ada");
    await page.waitForSelector("#autosave-status.liveview-saved");

    const killed = new Promise((resolve) => server!.child.once("exit", resolve));
    server.child.kill("SIGKILL");
    await killed;
    await page.waitForSelector("#no-connection", { state: "visible" });
    await page.type("input[name=name]", " Lovelace");
    // Its autosave fires while the server is down: kept, and counted as waiting.
    await page.waitForSelector("html[data-liveview-outbox='1']", { timeout: 10_000 });

    server = await startServer(env, DEMO_SERVER);
    await page.waitForSelector("html[data-liveview-connection=open]", { timeout: 15_000 });
    await page.waitForSelector("html[data-liveview-outbox='0']", { timeout: 15_000 });
    await page.reload();
    expect(await page.inputValue("input[name=name]")).toBe("Ada Lovelace");
    await context.close();
  });
});
