// What a client can learn or reach by naming functions and making handlers fail, in production (DEBUG off):
// names are looked up only among registered handlers, the unknown-function reply lists nothing, a handler's
// exception text stays in the server's log (the client gets an id to quote), and our own errors stay readable.

import { afterEach, describe, expect, it, vi } from "vitest";
import { LiveViewError, Registry, send } from "../../src/index.ts";
import { seedForFile } from "../helpers.ts";

let hits = 0;
/** This test's handlers, beside the fixture's. */
const handlers = new Registry();
handlers.handler("record_hit", async (consumer) => {
  hits++;
  await send(consumer, { hit: true });
});
handlers.handler("leaky", () => {
  throw new Error("connect ECONNREFUSED db.internal:5432 password=hunter2");
});
handlers.handler("busy", () => {
  throw new LiveViewError("session_busy", "the session is busy: its lock was not free for 15000 ms; try again");
});

const seed = seedForFile({ registry: handlers, settings: { DEBUG: false } });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a function name that is not a registered handler", () => {
  const names = [
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "__defineGetter__",
    "a.b",
    "record_hit.call",
    "record_hit.apply",
    "navigate.constructor",
    "prototype",
  ];

  it("runs nothing, whatever Object or Function member it names", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const socket = await seed.live(browser);
    const start = hits;
    for (const name of names) {
      expect(await socket.call(name), name).toEqual([{ error: `Unknown function: ${name}`, code: "unknown_function" }]);
    }
    expect(hits).toBe(start);
    expect(await browser.session()).not.toHaveProperty("counter");
    expect(await socket.call("record_hit")).toEqual([{ hit: true }]);
  });

  it("is answered without the list of handlers", async () => {
    const socket = await seed.live();
    const [reply] = await socket.call("no_such_function");
    expect(reply).toEqual({ error: "Unknown function: no_such_function", code: "unknown_function" });
    expect(JSON.stringify(reply)).not.toContain("increment_counter");
  });

  it("is repeated back only in part when it is long", async () => {
    const socket = await seed.live();
    const [reply] = await socket.call("x".repeat(10_000));
    expect(reply).toEqual({ error: `Unknown function: ${"x".repeat(100)}...`, code: "unknown_function" });
  });
});

describe("a handler that throws", () => {
  it("gets a generic message with an error id; the log has the id, the handler's name and the stack", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const socket = await seed.live();
    const [reply] = await socket.call("leaky");
    const id = String(reply!.error_id);
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(reply).toEqual({ error: `Handler error: internal error (id ${id})`, function: "leaky", error_id: id });
    expect(JSON.stringify(socket.received)).not.toMatch(/hunter2|ECONNREFUSED|db\.internal/);
    expect(log).toHaveBeenCalledWith(
      `liveview: handler "leaky" failed (error id ${id})`,
      expect.objectContaining({ stack: expect.stringContaining("hunter2") }),
    );
  });

  it("gives each failure its own id", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const socket = await seed.live();
    const [a] = await socket.call("leaky");
    const [b] = await socket.call("leaky");
    expect(a!.error_id).not.toBe(b!.error_id);
  });

  it("with one of our own errors shows its message, written for the client, with its code", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const socket = await seed.live();
    expect(await socket.call("busy")).toEqual([
      {
        error: "Handler error: the session is busy: its lock was not free for 15000 ms; try again",
        function: "busy",
        code: "session_busy",
      },
    ]);
  });
});
