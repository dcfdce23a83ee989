// FaultProxy with the bare live client: each fault does what it says to the frames, and the server stays right.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Registry, send } from "../../src/index.ts";
import { FaultProxy, LiveClient } from "../../src/testing/index.ts";
import { callAsPage, startSeed, type Running } from "../helpers.ts";

/** What the server was called with, in the order it ran the calls. */
const heard: string[] = [];
const handlers = new Registry().handler("note", async (consumer, content) => {
  heard.push(String(content.data.word));
  // A call that changes the session leaves a receipt: a second copy of it is acknowledged, not run.
  consumer.scope.session.set("last_word", content.data.word);
  await send(consumer, { target: "#said", html: String(content.data.word) });
});

let seed: Running;
let proxy: FaultProxy;
const clients: LiveClient[] = [];
beforeAll(async () => {
  seed = await startSeed({ registry: handlers });
  proxy = await FaultProxy.start(seed.baseUrl);
});
afterEach(async () => {
  proxy.heal();
  heard.length = 0;
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)));
});
afterAll(async () => {
  await proxy.close();
  await seed.close();
});

async function connect(): Promise<LiveClient> {
  const browser = seed.client();
  await browser.get("/counter");
  const client = await LiveClient.connect(proxy.url, {
    cookie: browser.cookieHeader,
    token: await browser.socketToken(),
  });
  clients.push(client);
  return client;
}

describe("FaultProxy", () => {
  it("duplicates: every frame arrives twice, and the server applies a call once", async () => {
    const client = await connect();
    proxy.set({ duplicate: 1 });
    const replies = await callAsPage(client, "note", { word: "once" });
    expect(heard).toEqual(["once"]);
    expect(replies).toEqual([
      { target: "#said", html: "once" },
      { target: "#said", html: "once" },
    ]);
    expect(proxy.stats.duplicated).toBeGreaterThan(0);
  });

  it("reorders: a frame held back arrives after the next one", async () => {
    const client = await connect();
    proxy.set({ reorder: 1 });
    const [first, second] = [
      callAsPage(client, "note", { word: "first" }),
      callAsPage(client, "note", { word: "second" }),
    ];
    await Promise.all([first, second]);
    expect(heard).toEqual(["second", "first"]);
  });

  it("cuts after N frames, without a close frame", async () => {
    const client = await connect();
    proxy.cutAfter(2);
    const closed = client.closed();
    client.sendRaw(JSON.stringify({ function: "note", data: { word: "a" }, form: {}, id: "c.1" }));
    expect(await closed).toEqual({ code: 1006, reason: "" });
    expect(heard).toEqual(["a"]);
  });

  it("holds a connection half-open: nothing passes, nothing closes, until healed", async () => {
    const client = await connect();
    proxy.halfOpen();
    client.sendRaw(JSON.stringify({ function: "note", data: { word: "lost" }, form: {}, id: "h.1" }));
    await proxy.waitFor((stats) => stats.held === 1);
    proxy.heal();
    expect(await callAsPage(client, "note", { word: "after" })).toEqual([{ target: "#said", html: "after" }]);
    expect(heard).toEqual(["after"]);
  });
});
