// `session.modified = true`, as in Django: the session is saved when the view or handler ends, though no value
// changed: its expiry moves on and the browser gets its cookie again.

import { afterAll, describe, expect, it } from "vitest";
import { createApp, Registry, send } from "../../src/index.ts";
import { serve, tempDatabaseUrl, type Running } from "../helpers.ts";

const running: Running[] = [];
afterAll(() => Promise.all(running.map((r) => r.close())));

async function app(): Promise<Running> {
  const handlers = new Registry().handler("touch", async (consumer) => {
    consumer.scope.session.modified = true;
    await send(consumer, { target: "#t", html: "touched" });
  });
  const a = createApp({ registry: handlers, settings: { DATABASE_URL: tempDatabaseUrl() } });
  a.get("/start", (request) => (request.session.set("n", 1), "started"));
  a.get("/look", () => "looked");
  a.get("/touch", (request) => ((request.session.modified = true), "touched"));
  const r = await serve(a);
  running.push(r);
  return r;
}

async function expiry(r: Running, key: string): Promise<number> {
  const row = await r.app.sessions.store.load(key);
  return row!.expireAt;
}

describe("session.modified = true", () => {
  it("in a view: the session is written, its expiry extended, and the cookie sent again", async () => {
    const r = await app();
    const browser = r.client();
    await browser.get("/start");
    const key = browser.sessionKey!;
    const before = await expiry(r, key);
    await tick(); // the clock must move on for a later expiry to differ
    expect((await browser.get("/look")).headers.get("set-cookie")).toBeNull();
    expect(await expiry(r, key)).toBe(before);
    expect((await browser.get("/touch")).headers.get("set-cookie")).toContain(`sessionid=${key}`);
    expect(await expiry(r, key)).toBeGreaterThan(before);
    expect(await browser.session()).toMatchObject({ n: 1 });
  });

  it("in a handler: the session is written and its expiry extended", async () => {
    const r = await app();
    const browser = r.client();
    await browser.get("/start");
    const live = await r.live(browser);
    const key = browser.sessionKey!;
    const before = await expiry(r, key);
    await tick(); // the clock must move on for a later expiry to differ
    expect(await live.call("touch")).toEqual([{ target: "#t", html: "touched" }]);
    expect(await expiry(r, key)).toBeGreaterThan(before);
  });
});

/** Expiry is kept in milliseconds: a few of them must pass between two saves for their expiries to differ. */
function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}
