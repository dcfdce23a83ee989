// With group commit, a message leaves for the browser only after the saves made before it are committed.

import { describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import type { SqliteSessionStore } from "../../src/session/engines/sqlite.ts";
import { seedForFile } from "../helpers.ts";

const seed = seedForFile();

describe("a message sent while a save is not yet committed", () => {
  it("is written to the socket after the commit, not before", async () => {
    const client = await seed.live();
    await client.call("navigate", { data: { dataUrl: "/" } }); // the consumer exists and has run a handler
    const consumer = [...seed.app.live.consumers][0]!;
    const ws = (consumer as unknown as { ws: WebSocket }).ws;
    const events: string[] = [];
    const send = ws.send.bind(ws);
    ws.send = ((data: string) => {
      events.push("send");
      send(data);
    }) as WebSocket["send"];

    const store = seed.app.sessions.store as SqliteSessionStore;
    const { committed } = store.saveNow("d".repeat(32), { set: { x: 1 }, deleted: [], expireAt: Date.now() + 60_000 });
    void committed.then(() => events.push("commit"));
    consumer.sendJson({ probe: 1 });
    expect(events).toEqual([]);
    await client.next((m) => m.probe === 1);
    expect(events).toEqual(["commit", "send"]);
  });
});
