// A call replayed after a reconnect, which the session already applied: not run again, and its ack says so, so the
// client knows the replies of its first run may have been lost with the old socket and renders the page again.

import { describe, expect, it } from "vitest";
import { seedForFile } from "../helpers.ts";

const seed = seedForFile();

const frame = (fn: string, id: string, data: Record<string, string> = {}) =>
  JSON.stringify({ function: fn, data, form: {}, id });

describe("the ack of a replayed call", () => {
  it("says replayed when the session had already applied it, and nothing else is sent", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const first = await seed.live(browser);
    first.sendRaw(frame("increment_counter", "lost.1"));
    await first.next((m) => m.ack === "lost.1");
    // A plain ack (a frame of its own, or riding on the reply).
    expect(first.received.at(-1)).toMatchObject({ ack: "lost.1" });
    expect(first.received.at(-1)).not.toHaveProperty("replayed");
    // Say the counter's reply and the ack were lost with that socket: the page sends the call again on the next one.
    const second = await seed.live(browser);
    second.sendRaw(frame("increment_counter", "lost.1"));
    await second.next((m) => m.ack === "lost.1");
    expect(second.received).toEqual([{ ack: "lost.1", replayed: true }]);
    expect((await browser.session())?.counter).toBe(1);
    // What the client does on it: the page's <main> rendered again shows the count the lost reply carried.
    const [render] = await second.call("navigate", { data: { data_url: "/counter" } });
    expect(render).toMatchObject({ target: "main" });
    expect(String(render!.html)).toMatch(/Counter: <strong>1<\/strong>/);
  });

  it("is plain for a call run now, and for a replay that changed nothing (it runs again)", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const socket = await seed.live(browser);
    socket.sendRaw(frame("navigate", "read.1", { data_url: "/counter" }));
    await socket.next((m) => m.ack === "read.1");
    const again = socket.received.length;
    socket.sendRaw(frame("navigate", "read.1", { data_url: "/counter" }));
    await socket.next((m) => m.ack === "read.1");
    expect(socket.received.slice(again).map((m) => Object.keys(m))).toEqual([
      ["target", "html", "url", "title", "scrollTop"],
      ["ack"],
    ]);
  });
});
