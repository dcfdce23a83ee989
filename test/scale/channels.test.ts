// The Redis channel layer: groups reach listeners of other instances, over one subscriber connection per instance.

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RedisChannelLayer } from "../../src/channels/redis.ts";
import { RedisSubscriber } from "../../src/channels/redis-subscriber.ts";
import { connectRedis } from "../../src/db/redis.ts";
import type { JsonObject } from "../../src/json.ts";
import { cleanUp, describeWithServices, isolation, REDIS_URL } from "./services.ts";

const ids = isolation();
const layers: RedisChannelLayer[] = [];
afterAll(async () => {
  await Promise.all(layers.map((l) => l.close()));
  await cleanUp(ids);
});

function layer(name: string): RedisChannelLayer {
  const l = new RedisChannelLayer(
    connectRedis(REDIS_URL, `${name}-pub`),
    new RedisSubscriber(connectRedis(REDIS_URL, `${name}-sub`)),
    { prefix: ids.prefix },
  );
  layers.push(l);
  return l;
}

let admin: ReturnType<typeof connectRedis>;
const numsub = async (group: string) => Number((await admin.pubsub("NUMSUB", ids.prefix + "group:" + group))[1]);

describeWithServices("the Redis channel layer", () => {
  const tag = randomBytes(4).toString("hex");
  let a: RedisChannelLayer;
  let b: RedisChannelLayer;
  beforeAll(() => {
    admin = connectRedis(REDIS_URL, "test-admin");
    a = layer(`a-${tag}`);
    b = layer(`b-${tag}`);
  });
  afterAll(() => admin?.quit());

  it("delivers a group's message to the members of every instance, the sender's own included, in one order", async () => {
    const onA: JsonObject[] = [];
    const onB: JsonObject[] = [];
    await a.groupAdd("room_1", (m) => onA.push(m));
    await b.groupAdd("room_1", (m) => onB.push(m));
    for (let i = 0; i < 20; i++) await (i % 2 ? a : b).groupSend("room_1", { i });
    // groupSend resolves once the sender's own members have it; the other instance gets it a moment later.
    expect(onA.length + onB.length).toBeGreaterThanOrEqual(20);
    await expect.poll(() => onB.length).toBe(20);
    expect(onA.map((m) => m.i)).toEqual(onB.map((m) => m.i));
  });

  it("shares one subscriber connection among groups; subscribes on the first member and unsubscribes after the last", async () => {
    const first = () => undefined;
    const second = () => undefined;
    for (let i = 0; i < 5; i++) {
      await b.groupAdd(`g${i}`, first);
      await b.groupAdd(`g${i}`, second);
    }
    const clients = String(await admin.client("LIST"))
      .split("\n")
      .filter((line) => line.includes(`name=liveview-b-${tag}-sub `));
    expect(clients).toHaveLength(1);
    expect(await numsub("g0")).toBe(1);
    await b.groupDiscard("g0", first);
    expect(await numsub("g0")).toBe(1); // one member left
    await b.groupDiscard("g0", second);
    expect(await numsub("g0")).toBe(0);
    const received: JsonObject[] = [];
    await b.groupAdd("g0", (m) => received.push(m));
    await a.groupSend("g0", { again: true });
    await expect.poll(() => received).toEqual([{ again: true }]);
  });
});
