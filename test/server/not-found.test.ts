// createApp({ notFound }): the app's own page for a path no route matches, run as a view with the session.

import { afterEach, describe, expect, it } from "vitest";
import { html, text } from "../../src/index.ts";
import type { Request } from "../../src/index.ts";
import { SEED_USER, startSeed, type Running } from "../helpers.ts";

let running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.map((r) => r.close()));
  running = [];
});

async function seed(notFound?: (request: Request) => ReturnType<typeof html>): Promise<Running> {
  const r = await startSeed(notFound ? { notFound } : {});
  running.push(r);
  return r;
}

const page = (request: Request) => html(`<h1>No ${request.path} here, ${request.user.username || "visitor"}</h1>`);

describe("a path no route matches", () => {
  it("gets the app's page, as a 404, with the request's user", async () => {
    const r = await seed(page);
    const browser = r.client();
    const missing = await browser.get("/nowhere?x=1");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(missing.text).toBe("<h1>No /nowhere here, visitor</h1>");
    await browser.forceLogin((await r.app.users.getByUsername(SEED_USER.username))!);
    expect((await browser.get("/nowhere")).text).toBe(`<h1>No /nowhere here, ${SEED_USER.username}</h1>`);
  });

  it("keeps a status of 400 or more that the page chose", async () => {
    const r = await seed(() => text("Gone", 410));
    expect((await r.client().get("/old")).status).toBe(410);
  });

  it("is a short plain-text answer for other methods, for missing static files, and without notFound", async () => {
    const r = await seed(page);
    const browser = r.client();
    const post = await browser.post("/nowhere", {});
    expect([post.status, post.text]).toEqual([404, "Not found"]);
    const asset = await browser.get("/static/missing.css");
    expect([asset.status, asset.text]).toEqual([404, "Not found"]);
    const plain = await (await seed()).client().get("/nowhere");
    expect([plain.status, plain.text]).toEqual([404, "Not found"]);
  });

  it("starts no session for a visitor who has none", async () => {
    const browser = (await seed(page)).client();
    const missing = await browser.get("/nowhere");
    expect(missing.headers.get("set-cookie")).toBeNull();
  });
});
