// Replay of missed room messages across two processes: a socket away for 100 broadcasts gets all of them once, in
// order; one away for more than the window holds is told to resync.

import { expect, it } from "vitest";
import { LiveClient } from "../../src/testing/index.ts";
import type { JsonObject } from "../../src/json.ts";
import { deploymentEnv, twoServers, type ServerPair } from "./two-servers.ts";
import { describeWithServices, isolation } from "./services.ts";

const WINDOW = 150;
const ids = isolation();
const env = deploymentEnv(ids, { LIVEVIEW_REPLAY_WINDOW: String(WINDOW) });
let servers: ServerPair;
type Stamp = [string, string, number];
const stamp = (m: JsonObject) => m.group_seq as Stamp;
const pings = (client: LiveClient) => client.received.filter((m) => m.ping !== undefined).map((m) => m.ping);

/** Sends `count` room messages numbered from `first`, alternating between a socket on A and one on B. */
async function broadcast(room: string, first: number, count: number): Promise<void> {
  const senders = [await servers.connect(servers.a), await servers.connect(servers.b)];
  for (let i = 0; i < count; i++) await senders[i % 2]!.call("room_ping", { data: { room, n: first + i } });
  await Promise.all(senders.map((s) => s.close()));
}

/** A socket in `room` that has seen one message of it (its last-seen point), then went away. */
async function awaySocket(room: string): Promise<Stamp> {
  const listener = await servers.connect(servers.a, { room });
  const first = listener.next((m) => m.ping === 0);
  await broadcast(room, 0, 1);
  const point = stamp(await first);
  await listener.close();
  return point;
}

describeWithServices("missed room messages, replayed across two processes", () => {
  servers = twoServers(env, ids);

  it("gives a socket that comes back every one of the 100 messages it missed, once and in order", async () => {
    const room = "replay100";
    const [group, epoch, n] = await awaySocket(room);
    expect(group).toBe(`room_${room}`);
    await broadcast(room, 1, 100);

    const back = await servers.connect(servers.b, { room, resume: { [group]: [epoch, n] } });
    const last = back.next((m) => m.ping === 101);
    await broadcast(room, 101, 1); // a live one after the replay: everything before it has arrived
    await last;
    expect(pings(back)).toEqual([...Array(101)].map((_, i) => i + 1));
    expect(back.received.filter((m) => m.ping !== undefined).map((m) => stamp(m)[2])).toEqual(
      [...Array(101)].map((_, i) => n + i + 1),
    );
    expect(back.received.some((m) => m.action === "resync")).toBe(false);
  });

  it("tells a socket that missed more than the window holds to resync, then goes on live", async () => {
    const room = "replaypast";
    const [group, epoch, n] = await awaySocket(room);
    await broadcast(room, 1, WINDOW + 10);

    const back = await servers.connect(servers.a, { room, resume: { [group]: [epoch, n] } });
    const live = back.next((m) => m.ping === 999);
    await broadcast(room, 999, 1);
    await live;
    expect(back.received[0]).toEqual({ action: "resync", group, group_seq: [group, epoch, n + WINDOW + 10] });
    expect(pings(back)).toEqual([999]);
  });

  it("tells a socket whose history is another one (the window expired meanwhile) to resync", async () => {
    const room = "replayother";
    const [group, , n] = await awaySocket(room);
    const back = await servers.connect(servers.b, { room, resume: { [group]: ["0badc0de", n] } });
    const resync = await back.next((m) => m.action === "resync");
    expect(resync).toMatchObject({ group });
  });
});
