// The ack of a call rides on the call's last message while that message still waits for its commit (SQLite's group
// commit): one frame instead of two. Otherwise, and when that commit fails, it comes as a frame of its own.

import { beforeAll, describe, expect, it } from "vitest";
import { Registry, send } from "../../src/index.ts";
import { openSqlite } from "../../src/db/sqlite.ts";
import { GroupCommit } from "../../src/db/group-commit.ts";
import { receive } from "../../src/live/calls/dispatcher.ts";
import type { SqliteSessionStore } from "../../src/session/engines/sqlite.ts";
import type { LiveClient } from "../../src/testing/index.ts";
import { seedForFile } from "../helpers.ts";

/** A row whose parent does not exist: SQLite refuses it only at COMMIT (a deferred foreign key). */
let writeOrphan: () => void = () => undefined;

const handlers = new Registry()
  .handler("save_and_reply", async (consumer) => {
    const session = consumer.scope.session;
    session.set("n", session.get("n", 0) + 1);
    await session.save();
    await send(consumer, { target: "#n", html: String(session.get("n")) });
  })
  .handler("save_and_send_nothing_much", async (consumer) => {
    consumer.scope.session.set("empty", true);
    await consumer.scope.session.save();
    await send(consumer, {});
  })
  .handler("quiet", () => undefined)
  .handler("save_quietly", (consumer) => consumer.scope.session.set("quiet", true))
  .handler("reply_then_wait", async (consumer) => {
    consumer.scope.session.set("waited", true);
    await consumer.scope.session.save();
    await send(consumer, { target: "#first", html: "sent" });
    // The save's commit ends this turn and sends the reply: the handler finishes after it has left.
    await new Promise((resolve) => setImmediate(resolve));
  })
  .handler("two_replies", async (consumer) => {
    consumer.scope.session.set("two", true);
    await consumer.scope.session.save();
    await send(consumer, { target: "#a", html: "1" });
    await send(consumer, { target: "#b", html: "2" });
  })
  .handler("save_unsavable", async (consumer) => {
    writeOrphan();
    consumer.scope.session.set("lost", true);
    await send(consumer, { target: "#n", html: "never shown" });
  });

const seed = seedForFile({ registry: handlers });

beforeAll(() => {
  const db = openSqlite(seed.app.settings.DATABASE_URL);
  db.pragma("foreign_keys = ON");
  db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE orphan (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);`);
  const insert = db.prepare("INSERT INTO orphan (parent_id) VALUES (42)");
  writeOrphan = () => void GroupCommit.for(db).run(() => insert.run(), { oneStatement: true });
});

/** Sends call `id` and resolves with every frame received until its ack, the ack's included, as they came. */
async function frames(socket: LiveClient, fn: string, id: string): Promise<unknown[]> {
  const start = socket.received.length;
  const acked = socket.next((m) => m.ack === id);
  socket.sendRaw(JSON.stringify({ function: fn, data: {}, form: {}, id }));
  await acked;
  return socket.received.slice(start);
}

describe("the ack of a call on SQLite", () => {
  it("rides on the call's last reply: one frame carries both", async () => {
    const socket = await seed.live();
    expect(await frames(socket, "save_and_reply", "a.1")).toEqual([{ target: "#n", html: "1", ack: "a.1" }]);
    expect(await frames(socket, "two_replies", "a.2")).toEqual([
      { target: "#a", html: "1" },
      { target: "#b", html: "2", ack: "a.2" },
    ]);
  });

  it("is the only key of an empty message it rides on", async () => {
    const socket = await seed.live();
    expect(await frames(socket, "save_and_send_nothing_much", "e.1")).toEqual([{ ack: "e.1" }]);
  });

  it("comes alone when the handler sent nothing, whether or not it changed the session", async () => {
    const socket = await seed.live();
    expect(await frames(socket, "quiet", "q.1")).toEqual([{ ack: "q.1" }]);
    expect(await frames(socket, "save_quietly", "q.2")).toEqual([{ ack: "q.2" }]);
  });

  it("comes alone when the handler sent nothing while another's message waits for the same commit", async () => {
    const socket = await seed.live();
    await frames(socket, "quiet", "o.0"); // the socket's consumer is there
    const consumer = [...seed.app.live.consumers].at(-1)!;
    const store = seed.app.sessions.store as SqliteSessionStore;
    // In one turn: a save opens a transaction, a message held behind it, then a call that sends nothing.
    const acked = socket.next((m) => m.ack === "o.1");
    store.saveNow("o".repeat(32), { set: { x: 1 }, deleted: [], expireAt: Date.now() + 60_000 });
    consumer.sendJson({ probe: 1 });
    receive(consumer, JSON.stringify({ function: "quiet", data: {}, form: {}, id: "o.1" }));
    await acked;
    expect(socket.received.slice(-2)).toEqual([{ probe: 1 }, { ack: "o.1" }]);
  });

  it("comes alone when the reply left before the handler finished", async () => {
    const socket = await seed.live();
    expect(await frames(socket, "reply_then_wait", "w.1")).toEqual([
      { target: "#first", html: "sent" },
      { ack: "w.1" },
    ]);
  });

  it("comes alone when nothing waits for a commit (an unknown function), and for a replay", async () => {
    const browser = seed.client();
    await browser.get("/");
    const socket = await seed.live(browser);
    const [unknown, ack] = await frames(socket, "no_such_handler", "u.1");
    expect(unknown).toMatchObject({ code: "unknown_function" });
    expect(ack).toEqual({ ack: "u.1" });
    await frames(socket, "save_and_reply", "r.1");
    expect(await frames(socket, "save_and_reply", "r.1")).toEqual([{ ack: "r.1", replayed: true }]);
  });

  it("still comes, alone, after the error when the commit holding the reply fails", async () => {
    const socket = await seed.live();
    const received = await frames(socket, "save_unsavable", "f.1");
    expect(received).toHaveLength(2);
    expect(received[0]).toMatchObject({ error: expect.stringMatching(/the session could not be saved/) });
    expect(received[1]).toEqual({ ack: "f.1" });
    // The socket goes on, its next reply again carrying its ack.
    expect(await frames(socket, "save_and_reply", "f.2")).toEqual([{ target: "#n", html: "1", ack: "f.2" }]);
  });

  it("is left out of what the test kit's call returns", async () => {
    const socket = await seed.live();
    expect(await socket.call("save_and_reply")).toEqual([{ target: "#n", html: "1" }]);
    expect(socket.received.at(-1)).toEqual({ target: "#n", html: "1", ack: 1 });
  });
});
