// HTTP views and the session cookie: when it is set, what it says, and what bad requests get.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { LiveClient, TestClient } from "../../src/testing/index.ts";
import { createSeedApp } from "../fixtures/seed-app.ts";
import { startSeed, tempDatabaseUrl, type Running } from "../helpers.ts";

let running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.map((r) => r.close()));
  running = [];
});

async function seed(settings = {}): Promise<Running> {
  const r = await startSeed({ settings });
  running.push(r);
  return r;
}

describe("the session cookie", () => {
  it("is not sent again for a page that changed nothing", async () => {
    const browser = (await seed()).client();
    expect((await browser.get("/counter")).headers.get("set-cookie")).toContain("sessionid=");
    expect((await browser.get("/counter")).headers.get("set-cookie")).toBeNull();
  });

  it("is sent on every request with SESSION_SAVE_EVERY_REQUEST", async () => {
    const browser = (await seed({ SESSION_SAVE_EVERY_REQUEST: true })).client();
    await browser.get("/counter");
    expect((await browser.get("/counter")).headers.get("set-cookie")).toContain("Max-Age=1209600");
  });

  it("has no expiry with SESSION_EXPIRE_AT_BROWSER_CLOSE, and follows the other cookie settings", async () => {
    const browser = (
      await seed({
        SESSION_EXPIRE_AT_BROWSER_CLOSE: true,
        SESSION_COOKIE_NAME: "sid",
        SESSION_COOKIE_SAMESITE: "Strict",
        SESSION_COOKIE_SECURE: true,
      })
    ).client();
    const cookie = (await browser.get("/counter")).headers.get("set-cookie")!;
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]{32}; Path=\/; SameSite=Strict; HttpOnly; Secure$/);
  });

  it("naming an expired session gets a fresh, empty session", async () => {
    const r = await seed();
    const browser = r.client();
    await browser.get("/counter");
    const key = browser.sessionKey!;
    await r.app.sessions.store.save(key, { set: { counter: 41 }, deleted: [], expireAt: Date.now() - 1000 });
    const page = await browser.get("/counter");
    expect(page.text).toContain("Counter: <strong>0</strong>");
    expect(browser.sessionKey).not.toBe(key);
  });
});

describe("clearsessions", () => {
  it("removes expired sessions and keeps the others", async () => {
    const r = await seed();
    const store = r.app.sessions.store;
    await store.save("e".repeat(32), { set: { a: 1 }, deleted: [], expireAt: Date.now() - 1 });
    await store.save("f".repeat(32), { set: { a: 2 }, deleted: [], expireAt: Date.now() + 60_000 });
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync("npx", ["tsx", "src/cli/main.ts", "clearsessions"], {
      env: { ...process.env, DATABASE_URL: r.app.settings.DATABASE_URL },
    }).toString();
    expect(out).toMatch(/removed [1-9]\d* expired session/);
    expect(await r.app.sessions.load("f".repeat(32))).toEqual({ a: 2 });
  });
});

describe("requests", () => {
  it("serve static files and the client bundle, and refuse paths out of the static directory", async () => {
    const r = await seed();
    const css = await fetch(r.baseUrl + "/static/seed.css");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toContain("font:");
    const bundle = await fetch(r.baseUrl + "/static/liveview/liveview.js");
    expect(bundle.status).toBe(200);
    expect((await fetch(r.baseUrl + "/static/..%2F..%2Fpackage.json")).status).toBe(404);
  });

  it("answer an unknown path with 404 and a wrong method with 405", async () => {
    const r = await seed();
    expect((await fetch(r.baseUrl + "/nope")).status).toBe(404);
    const res = await fetch(r.baseUrl + "/counter", { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
  });

  it("refuse a body over the limit with 413", async () => {
    const r = await seed();
    const res = await fetch(r.baseUrl + "/login", {
      method: "POST",
      body: "x".repeat(2 * 1024 * 1024),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(413);
  });
});

describe("mounting", () => {
  it("works on an existing node:http server beside the server's own routes", async () => {
    const app = await createSeedApp({ settings: { DATABASE_URL: tempDatabaseUrl() } });
    const server = createServer((req, res) => (req.url === "/health" ? res.end("ok") : app.handler(req, res)));
    app.attach(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(base + "/health")).text()).toBe("ok");
      const browser = new TestClient(app, base);
      await browser.get("/counter");
      const socket = await LiveClient.connect(base, {
        cookie: browser.cookieHeader,
        token: await browser.socketToken(),
      });
      const [reply] = await socket.call("increment_counter");
      expect(reply!.html).toContain("<strong>1</strong>");
      await socket.close();
    } finally {
      await app.close();
      server.close();
    }
  });
});

describe("the Express-style middleware", () => {
  it("answers the app's paths and passes others on", async () => {
    const app = await createSeedApp({ settings: { DATABASE_URL: tempDatabaseUrl() } });
    const server = createServer((req, res) =>
      app.middleware(req, res, () => {
        res.statusCode = 418;
        res.end("next");
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(base + "/counter")).status).toBe(200);
      expect((await fetch(base + "/static/seed.css")).status).toBe(200);
      const other = await fetch(base + "/elsewhere");
      expect([other.status, await other.text()]).toEqual([418, "next"]);
    } finally {
      await app.close();
      server.close();
    }
  });
});

describe("a view that throws", () => {
  it("answers 500, saves none of its changes, and leaves the browser's cookie alone", async () => {
    const r = await seed();
    r.app.get("/broken", (request) => {
      request.session.set("counter", 1000);
      throw new Error("view bug");
    });
    const browser = r.client();
    await browser.get("/counter");
    const key = browser.sessionKey;
    const res = await browser.get("/broken");
    expect(res.status).toBe(500);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(browser.sessionKey).toBe(key);
    expect(await browser.session()).not.toHaveProperty("counter");
  });
});
