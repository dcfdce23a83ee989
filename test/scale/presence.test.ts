// Presence across two processes over Redis: each sees the other's entries, hears joins and leaves, and the entries
// of a process killed with SIGKILL go within the timeout and one beat (LIVEVIEW_PRESENCE_TIMEOUT_MS * 4/3).

import { afterAll, beforeAll, expect, it } from "vitest";
import { LiveClient } from "../../src/testing/index.ts";
import type { JsonObject } from "../../src/json.ts";
import { startServer, type ServerProcess } from "./processes.ts";
import { cleanUp, describeWithServices, isolation, PG_URL, REDIS_URL } from "./services.ts";

const TIMEOUT_MS = 1500;
const ids = isolation();
const env = {
  REDIS_URL,
  DATABASE_URL: PG_URL,
  SESSION_ENGINE: "db",
  TEST_PREFIX: ids.prefix,
  TEST_SCHEMA: ids.schema,
  LIVEVIEW_PRESENCE_TIMEOUT_MS: String(TIMEOUT_MS),
};
let a: ServerProcess;
let b: ServerProcess;
const clients: LiveClient[] = [];
const connect = async (server: ServerProcess) => {
  const client = await LiveClient.connect(server.url);
  clients.push(client);
  return client;
};
const topic = "lobby";
const names = (entries: JsonObject) => Object.values(entries).map((meta) => (meta as JsonObject).name);
async function list(client: LiveClient): Promise<string[]> {
  const replies = await client.call("presence_list", { data: { topic } });
  return (names(replies[0]!.entries as JsonObject) as string[]).sort();
}
const diffNaming = (client: LiveClient, kind: "joins" | "leaves", name: string) =>
  client.next((m) => m.action === "presence_diff" && names(m[kind] as JsonObject).includes(name));

describeWithServices("presence across two processes", () => {
  beforeAll(async () => {
    a = await startServer(env);
    b = await startServer(env);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await Promise.all([a?.stop(), b?.stop()]);
    await cleanUp(ids);
  });

  it("lists the entries of both processes and pushes joins and leaves to the topic's sockets", async () => {
    const ada = await connect(a);
    await ada.call("presence_track", { data: { topic, name: "ada" } });
    const bob = await connect(b);
    const bobJoins = diffNaming(ada, "joins", "bob");
    await bob.call("presence_track", { data: { topic, name: "bob" } });
    expect(await bobJoins).toMatchObject({ topic, leaves: {} });
    expect(await list(ada)).toEqual(["ada", "bob"]);
    expect(await list(bob)).toEqual(["ada", "bob"]);

    const bobLeaves = diffNaming(ada, "leaves", "bob");
    await bob.close();
    expect(await bobLeaves).toMatchObject({ topic, joins: {} });
    expect(await list(ada)).toEqual(["ada"]);
    await ada.close();
  });

  it("removes the entries of a process killed with SIGKILL, and tells the other process's sockets", async () => {
    const onA = [await connect(a), await connect(a)];
    await onA[0]!.call("presence_track", { data: { topic, name: "carl" } });
    await onA[1]!.call("presence_track", { data: { topic, name: "dora" } });
    const onB = await connect(b);
    await onB.call("presence_track", { data: { topic, name: "eve" } });
    expect(await list(onB)).toEqual(["carl", "dora", "eve"]);

    const gone = Promise.all([diffNaming(onB, "leaves", "carl"), diffNaming(onB, "leaves", "dora")]);
    const killedAt = Date.now();
    a.child.kill("SIGKILL");
    await gone;
    console.log(
      `presence: a killed process's entries were removed ${Date.now() - killedAt} ms after SIGKILL (timeout ${TIMEOUT_MS} ms; stated bound ${(TIMEOUT_MS * 4) / 3} ms)`,
    );
    expect(await list(onB)).toEqual(["eve"]);
  });
});
