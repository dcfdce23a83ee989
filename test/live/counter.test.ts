// The seed's counter over a real WebSocket, seen again through HTTP and after a restart.

import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render } from "../../src/testing/index.ts";
import { createSeedApp } from "../fixtures/seed-app.ts";
import { serve, startSeed, tempDatabaseUrl, visibleText, type Running } from "../helpers.ts";

let running: Running[] = [];
afterEach(async () => {
  await cleanup();
  await Promise.all(running.map((r) => r.close()));
  running = [];
});

const counterOf = (page: string) => Number(/Counter: <strong>(\d+)<\/strong>/.exec(page)?.[1]);

describe("the seed's counter", () => {
  it("counts over the socket, and the page sees the count through the same cookie", async () => {
    const seed = await startSeed();
    running.push(seed);
    const page = await render(seed.baseUrl, "/counter", { app: seed.app });
    page.assertSee("Counter: 0");
    for (let i = 0; i < 3; i++) await page.click("[data-liveview-function=increment_counter]");
    expect(page.record.sentTo("#counter-display").map(visibleText)).toEqual(["Counter: 1", "Counter: 2", "Counter: 3"]);
    await page.reload();
    page.assertSee("Counter: 3");
    expect(counterOf((await seed.client().get("/counter")).text)).toBe(0);
  });

  it("keeps the count when the server process restarts on the same SQLite file", async () => {
    const databaseUrl = tempDatabaseUrl();
    const first = await serve(await createSeedApp({ settings: { DATABASE_URL: databaseUrl } }));
    const browser = first.client();
    await browser.get("/counter");
    const socket = await first.live(browser);
    await socket.call("increment_counter");
    await socket.call("increment_counter");
    await first.close();

    const second = await serve(await createSeedApp({ settings: { DATABASE_URL: databaseUrl } }));
    running.push(second);
    const again = second.client();
    again.cookies.set("sessionid", browser.sessionKey!);
    expect(counterOf((await again.get("/counter")).text)).toBe(2);
    const replies = await (await second.live(again)).call("increment_counter");
    expect(visibleText(String(replies[0]!.html))).toBe("Counter: 3");
  });

  it("gives a page without a cookie a session cookie, so the socket's changes land in a session the browser holds", async () => {
    const seed = await startSeed();
    running.push(seed);
    const browser = seed.client();
    const page = await browser.get("/counter");
    expect(page.headers.get("set-cookie")).toMatch(
      /^sessionid=[A-Za-z0-9_-]{32,}; Path=\/; SameSite=Lax; Max-Age=1209600; .*HttpOnly/,
    );
    await (await seed.live(browser)).call("increment_counter");
    expect(await browser.session()).toMatchObject({ counter: 1 });
  });
});
