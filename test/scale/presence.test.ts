// Presence across two processes over Redis: each sees the other's entries, hears joins and leaves, and the entries
// of a process killed with SIGKILL go within the timeout and one beat (LIVEVIEW_PRESENCE_TIMEOUT_MS * 4/3).

import { expect, it } from "vitest";
import { LiveClient } from "../../src/testing/index.ts";
import type { JsonObject } from "../../src/json.ts";
import { deploymentEnv, twoServers, type ServerPair } from "./two-servers.ts";
import { describeWithServices, isolation } from "./services.ts";

const TIMEOUT_MS = 1500;
const ids = isolation();
const env = deploymentEnv(ids, { LIVEVIEW_PRESENCE_TIMEOUT_MS: String(TIMEOUT_MS) });
let servers: ServerPair;
const topic = "lobby";
const names = (entries: JsonObject) => Object.values(entries).map((meta) => (meta as JsonObject).name);
async function list(client: LiveClient): Promise<string[]> {
  const replies = await client.call("presence_list", { data: { topic } });
  return (names(replies[0]!.entries as JsonObject) as string[]).sort();
}
const diffNaming = (client: LiveClient, kind: "joins" | "leaves", name: string) =>
  client.next((m) => m.action === "presence_diff" && names(m[kind] as JsonObject).includes(name));

describeWithServices("presence across two processes", () => {
  servers = twoServers(env, ids);

  it("lists the entries of both processes and pushes joins and leaves to the topic's sockets", async () => {
    const ada = await servers.connect(servers.a);
    await ada.call("presence_track", { data: { topic, name: "ada" } });
    const bob = await servers.connect(servers.b);
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
    const onA = [await servers.connect(servers.a), await servers.connect(servers.a)];
    await onA[0]!.call("presence_track", { data: { topic, name: "carl" } });
    await onA[1]!.call("presence_track", { data: { topic, name: "dora" } });
    const onB = await servers.connect(servers.b);
    await onB.call("presence_track", { data: { topic, name: "eve" } });
    expect(await list(onB)).toEqual(["carl", "dora", "eve"]);

    const gone = Promise.all([diffNaming(onB, "leaves", "carl"), diffNaming(onB, "leaves", "dora")]);
    const killedAt = Date.now();
    servers.a.child.kill("SIGKILL");
    await gone;
    console.log(
      `presence: a killed process's entries were removed ${Date.now() - killedAt} ms after SIGKILL (timeout ${TIMEOUT_MS} ms; stated bound ${(TIMEOUT_MS * 4) / 3} ms)`,
    );
    expect(await list(onB)).toEqual(["eve"]);
  });
});
