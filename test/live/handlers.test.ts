// Registering handlers: snake_case content, typed content, middleware, session semantics, and where send() goes.

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Registry, send } from "../../src/index.ts";
import { seedForFile } from "../helpers.ts";

let release: () => void = () => undefined;

// A registry of this test's own: the fixture adds the seed's handlers to it.
const handlers = new Registry()
  .handler("echo_content", (consumer, content) => send(consumer, { content: content as never }))
  .handler(
    "typed_add",
    z.object({ data: z.object({ a: z.coerce.number(), b: z.coerce.number() }) }).loose(),
    (consumer, content) => send(consumer, { sum: content.data.a + content.data.b }),
  )
  .handler("admin_only", (consumer) => send(consumer, { secret: "ran" }))
  .use((consumer, _content, name) => {
    if (name === "admin_only" && !consumer.scope.user.isAuthenticated) {
      void send(consumer, { error: "sign in first" });
      return false;
    }
  })
  .handler("save_then_wait", async (consumer) => {
    consumer.scope.session.set("step", "saved");
    await consumer.scope.session.save();
    await new Promise<void>((resolve) => (release = resolve));
  })
  .handler("store_a_date", (consumer) => consumer.scope.session.set("when", new Date() as never))
  .handler("shout", (consumer, content) => send(consumer, { shout: String(content.data.text) }, { broadcast: true }))
  .handler("room_say", (consumer, content) =>
    send(consumer, { said: String(content.data.text) }, { room: consumer.scope.room }),
  )
  .handler("join_team", (consumer) => consumer.groupAdd("team"));

const seed = seedForFile({ registry: handlers });

describe("dispatch", () => {
  it("converts every key to snake_case before the handler sees it", async () => {
    const socket = await seed.live();
    const [reply] = await socket.call("echo_content", {
      data: { dataUrl: "/x", nestedThing: { innerKey: 1 } },
      form: { firstName: "A" },
    });
    expect(reply!.content).toMatchObject({
      function: "echo_content",
      data: { data_url: "/x", nested_thing: { inner_key: 1 } },
      form: { first_name: "A" },
    });
  });

  it("validates content against a handler's schema and refuses what does not fit", async () => {
    const socket = await seed.live();
    expect(await socket.call("typed_add", { data: { a: "2", b: 3 } })).toEqual([{ sum: 5 }]);
    const [error] = await socket.call("typed_add", { data: { a: "two", b: 3 } });
    expect(String(error!.error)).toMatch(/^Handler error: invalid content: data\.a: /);
  });

  it("runs middleware first; returning false cancels the handler", async () => {
    const socket = await seed.live();
    expect(await socket.call("admin_only")).toEqual([{ error: "sign in first" }]);
  });

  it("runs one socket's handlers in arrival order", async () => {
    const socket = await seed.live();
    const ids = [1, 2, 3, 4, 5];
    const got = socket.received.length;
    for (const i of ids) socket.sendRaw(JSON.stringify({ function: "echo_content", data: { i }, id: i }));
    await socket.next((m) => m.ack === 5);
    const order = socket.received
      .slice(got)
      .filter((m) => m.content)
      .map((m) => (m.content as { data: { i: number } }).data.i);
    expect(order).toEqual(ids);
  });
});

describe("the session in a handler", () => {
  it("save() persists at once, before the handler returns", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const socket = await seed.live(browser);
    const done = socket.call("save_then_wait");
    await expect.poll(async () => (await browser.session())?.step).toBe("saved");
    release();
    await done;
  });

  it("a value that is not JSON is an error at set, and nothing is stored", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const socket = await seed.live(browser);
    const [reply] = await socket.call("store_a_date");
    expect(String(reply!.error)).toMatch(/session value "when" is a Date, not a plain object/);
    expect(await browser.session()).not.toHaveProperty("when");
  });
});

describe("send", () => {
  it("with broadcast reaches every socket", async () => {
    const [a, b] = [await seed.live(), await seed.live()];
    const heard = b.next((m) => m.shout === "hi");
    await a.call("shout", { data: { text: "hi" } });
    // Numbered in its group, for a socket that reconnects (see test/scale/replay.test.ts).
    expect(await heard).toEqual({ shout: "hi", group_seq: ["broadcast", expect.any(String), expect.any(Number)] });
  });

  it("to a room reaches that room's sockets only", async () => {
    const [a, b, c] = [
      await seed.live(undefined, "roomA"),
      await seed.live(undefined, "roomA"),
      await seed.live(undefined, "roomB"),
    ];
    const heard = b.next((m) => m.said === "x");
    await a.call("room_say", { data: { text: "x" } });
    expect(await heard).toEqual({ said: "x", group_seq: ["room_roomA", expect.any(String), expect.any(Number)] });
    await c.call("echo_content");
    expect(c.received.some((m) => m.said)).toBe(false);
  });

  it("to a named group reaches the sockets that joined it, from anywhere in the app", async () => {
    const [member, outsider] = [await seed.live(), await seed.live()];
    await member.call("join_team");
    const heard = member.next((m) => m.news === "ship it");
    await seed.app.sendToGroup("team", { news: "ship it" });
    expect(await heard).toEqual({ news: "ship it", group_seq: ["team", expect.any(String), 1] });
    await outsider.call("echo_content");
    expect(outsider.received.some((m) => m.news)).toBe(false);
  });
});

handlers.handler("update_twice", async (consumer) => {
  const session = consumer.scope.session;
  await session.update<number>("visits", (n = 0) => n + 1);
  await send(consumer, { visits: await session.update<number>("visits", (n = 0) => n + 1) });
});

describe("session.update", () => {
  it("changes and saves one key at once", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const socket = await seed.live(browser);
    expect(await socket.call("update_twice")).toEqual([{ visits: 2 }]);
    expect((await browser.session())?.visits).toBe(2);
  });
});

describe("a replayed message", () => {
  it("whose first delivery changed the session is acknowledged and not applied again", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const first = await seed.live(browser);
    const frame = JSON.stringify({ function: "increment_counter", data: {}, form: {}, id: "page1.1" });
    first.sendRaw(frame);
    await first.next((m) => m.ack === "page1.1");
    // The page reconnects and sends again what it never saw acknowledged.
    const second = await seed.live(browser);
    second.sendRaw(frame);
    await second.next((m) => m.ack === "page1.1");
    expect((await browser.session())?.counter).toBe(1);
    const [reply] = await second.call("increment_counter");
    expect(reply!.html).toContain("<strong>2</strong>");
  });

  it("whose handler changed nothing runs again (nothing to protect)", async () => {
    const socket = await seed.live();
    const frame = JSON.stringify({ function: "echo_content", data: { n: 1 }, id: "page2.1" });
    socket.sendRaw(frame);
    await socket.next((m) => m.ack === "page2.1");
    const again = socket.next((m) => "content" in m);
    socket.sendRaw(frame);
    expect(await again).toMatchObject({ content: { data: { n: 1 } } });
  });
});
