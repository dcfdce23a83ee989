// Bad input over the socket gets a clear error; the socket, the server and the stored session stay intact.

import { describe, expect, it } from "vitest";
import { Registry, send } from "../../src/index.ts";
import { LiveClient } from "../../src/testing/index.ts";
import { seedForFile } from "../helpers.ts";

/** This test's handlers, beside the fixture's. */
const handlers = new Registry();
handlers.handler("set_then_explode", async (consumer) => {
  consumer.scope.session.set("counter", 999);
  throw new Error("something broke");
});

handlers.handler("echo_big", async (consumer, content) => {
  await send(consumer, { size: String(content.data.text ?? "").length });
});

// DEBUG: two tests read the messages meant for developers; production's are in test/security/messages-errors.test.ts.
const seed = seedForFile({ registry: handlers, settings: { MAX_FRAME_BYTES: 64 * 1024, DEBUG: true } });

// The handshake's checks (Origin, the page's token) are attacked in test/security/handshake.test.ts.

describe("a bad message", () => {
  async function expectErrorThenUsable(socket: LiveClient, frame: string, error: RegExp): Promise<void> {
    const reply = socket.next();
    socket.sendRaw(frame);
    expect(String((await reply).error)).toMatch(error);
    const after = await socket.call("increment_counter");
    expect(after[0]?.target).toBe("#counter-display");
  }

  it("that is not JSON gets an error and the socket stays usable", async () => {
    const socket = await seed.live();
    await expectErrorThenUsable(socket, "{not json", /not JSON/);
  });

  it("that is JSON but not an object gets an error and the socket stays usable", async () => {
    const socket = await seed.live();
    await expectErrorThenUsable(socket, "[1,2,3]", /expected a JSON object/);
  });

  it("without a function gets an error and the socket stays usable", async () => {
    const socket = await seed.live();
    await expectErrorThenUsable(socket, JSON.stringify({ data: {} }), /"function" is missing/);
  });

  it("naming an unknown function gets the protocol's error with the available functions (DEBUG), and nothing runs", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const socket = await seed.live(browser);
    const [reply] = await socket.call("no_such_function");
    expect(reply).toMatchObject({ error: "Unknown function: no_such_function" });
    expect(reply!.available_functions).toContain("increment_counter");
    expect(await browser.session()).not.toHaveProperty("counter");
  });

  it("whose handler throws gets the error's text (DEBUG); the session keeps its last saved state", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const socket = await seed.live(browser);
    await socket.call("increment_counter");
    const [reply] = await socket.call("set_then_explode");
    expect(reply).toEqual({ error: "Handler error: something broke", function: "set_then_explode" });
    expect(await browser.session()).toMatchObject({ counter: 1 });
    const [next] = await socket.call("increment_counter");
    expect(next!.html).toContain("<strong>2</strong>");
  });

  it("over the frame limit closes that socket with 1009; the server serves others", async () => {
    const socket = await seed.live();
    const closed = socket.closed();
    socket.sendRaw(JSON.stringify({ function: "echo_big", data: { text: "x".repeat(70 * 1024) } }));
    expect((await closed).code).toBe(1009);
    const other = await seed.live();
    const [reply] = await other.call("echo_big", { data: { text: "x".repeat(1000) } });
    expect(reply).toEqual({ size: 1000 });
  });
});

describe("a session cookie", () => {
  it("that names no session gets a fresh session, never an error page", async () => {
    const browser = seed.client();
    browser.cookies.set("sessionid", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    const page = await browser.get("/counter");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Counter: <strong>0</strong>");
    expect(browser.sessionKey).not.toBe("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  });

  it("that is malformed gets a fresh session too", async () => {
    const browser = seed.client();
    browser.cookies.set("sessionid", "%%%;;");
    expect((await browser.get("/counter")).status).toBe(200);
    expect(browser.sessionKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
