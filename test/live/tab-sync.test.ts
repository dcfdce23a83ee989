// Tabs of one browser stay in sync: changes reach the other sockets, login moves them, logout ends them.

import { describe, expect, it } from "vitest";
import { CLOSE_SESSION_ENDED } from "../../src/protocol.ts";
import { addBumpPage, seedForFile, visibleText, SEED_USER } from "../helpers.ts";

const seed = seedForFile({}, (seed) => {
  addBumpPage(seed.app);
});

async function twoTabs() {
  const browser = seed.client();
  await browser.get("/counter");
  return { browser, a: await seed.live(browser), b: await seed.live(browser) };
}

describe("tab sync", () => {
  it("a change in one tab re-renders the counter in the other, and not twice in the first", async () => {
    const { a, b } = await twoTabs();
    const seenByB = b.next((m) => m.target === "#counter-display");
    const replies = await a.call("increment_counter");
    expect(visibleText(String((await seenByB).html))).toBe("Counter: 1");
    expect(replies).toHaveLength(1);
  });

  it("a change made by an HTTP request reaches every open tab", async () => {
    const { browser, a, b } = await twoTabs();
    const seen = Promise.all([a, b].map((tab) => tab.next((m) => m.target === "#counter-display")));
    await browser.get("/bump");
    for (const m of await seen) expect(visibleText(String(m.html))).toBe("Counter: 1");
  });

  it("does not reach another browser's tabs", async () => {
    const { a } = await twoTabs();
    const other = await twoTabs();
    const firstSeenByOther = other.b.next((m) => m.target === "#counter-display");
    await a.call("increment_counter");
    await a.call("increment_counter");
    await other.a.call("increment_counter");
    expect(visibleText(String((await firstSeenByOther).html))).toBe("Counter: 1");
  });

  it("login in one tab moves the other tabs' sockets to the new session key", async () => {
    const { browser, b } = await twoTabs();
    await b.call("increment_counter");
    const handed = b.next((m) => m.action === "csrf_token"); // the new key's token, for its forms and reconnects
    await browser.post("/login", { username: SEED_USER.username, password: SEED_USER.password });
    await handed;
    const [reply] = await b.call("increment_counter");
    expect(visibleText(String(reply!.html))).toBe("Counter: 2");
    expect((await browser.session())?.counter).toBe(2);
    const [page] = await b.call("navigate", { data: { dataUrl: "/" } });
    expect(String(page!.html)).toContain("Welcome back, demo.");
  });

  it("logout in one tab closes the other tabs' sockets, so they reconnect with the new cookie", async () => {
    const { browser, a, b } = await twoTabs();
    await browser.post("/login", { username: SEED_USER.username, password: SEED_USER.password });
    const closed = Promise.all([a.closed(), b.closed()]);
    const started = Date.now();
    await browser.post("/logout");
    expect((await closed).map((c) => c.code)).toEqual([CLOSE_SESSION_ENDED, CLOSE_SESSION_ENDED]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
