// Two server processes on one Redis and one PostgreSQL: one session from both, broadcasts across, a process killed.

import { expect, it } from "vitest";
import type { JsonObject } from "../../src/json.ts";
import { pageCounter, browserSession, succeeded } from "./processes.ts";
import { deploymentEnv, twoServers, type ServerPair } from "./two-servers.ts";
import { describeWithServices, isolation } from "./services.ts";

const ids = isolation();
const env = deploymentEnv(ids, { TEST_LOCK_LEASE_MS: "3000" });
let servers: ServerPair;

describeWithServices("two server processes, one deployment", () => {
  servers = twoServers(env, ids);

  it("counts every acknowledged increment of one session from 10 sockets on each process, exactly", async () => {
    const browser = await browserSession(servers.a.url);
    const sockets = await Promise.all(
      [...Array(10)].flatMap(() => [servers.connect(servers.a, browser), servers.connect(servers.b, browser)]),
    );
    const acked = [0, 0];
    const stopAt = Date.now() + 2000;
    await Promise.all(
      sockets.map(async (socket, i) => {
        while (Date.now() < stopAt) if (await succeeded(socket, "increment_counter")) acked[i % 2]!++;
      }),
    );
    const total = acked[0]! + acked[1]!;
    console.log(`two processes, one session: ${total} increments acknowledged (${acked.join(" on A, ")} on B)`);
    expect(acked[0]).toBeGreaterThan(0);
    expect(acked[1]).toBeGreaterThan(0);
    expect(await pageCounter(servers.b.url, browser.cookie)).toBe(total);
    expect(await pageCounter(servers.a.url, browser.cookie)).toBe(total);
  });

  it("delivers a broadcast sent from a socket on A to sockets on B", async () => {
    const onB = [await servers.connect(servers.b), await servers.connect(servers.b)];
    const sender = await servers.connect(servers.a);
    const arrivals = onB.map((c) => c.next((m: JsonObject) => m.ping === 42));
    await sender.call("broadcast_ping", { data: { n: 42 } });
    for (const message of await Promise.all(arrivals)) expect(message).toMatchObject({ target: "#ping", html: "42" });
  });

  it("acknowledges a call in a frame of its own, after its reply: these stores hold no reply back for a commit", async () => {
    const browser = await browserSession(servers.a.url);
    const socket = await servers.connect(servers.a, browser);
    const start = socket.received.length;
    await socket.call("increment_counter");
    expect(socket.received.slice(start)).toEqual([
      { target: "#counter-display", html: expect.stringContaining("<strong>1</strong>") },
      { ack: 1 },
    ]);
  });

  it("lets the clients of a killed process continue their session on the other", async () => {
    const browser = await browserSession(servers.a.url);
    const onA = await servers.connect(servers.a, browser);
    for (let i = 0; i < 3; i++) expect(await succeeded(onA, "increment_counter")).toBe(true);
    const form = { name: "Ada", email: "ada@example.com", message: "half-written" };
    expect(await succeeded(onA, "autosave_form", { form_id: "contact_form", form })).toBe(true);
    // Keep A busy with this session while it dies.
    void onA.call("increment_counter").catch(() => undefined);
    servers.a.child.kill("SIGKILL");
    await onA.closed();

    const onB = await servers.connect(servers.b, browser); // what the browser's reconnect does, through the load balancer
    const replies = await onB.call("increment_counter");
    const count = Number(/<strong>(\d+)<\/strong>/.exec(String(replies[0]?.html))?.[1]);
    expect([4, 5]).toContain(count); // the increment in flight when A died may or may not have been saved
    const restored = await onB.call("restore_form_draft", { form_id: "contact_form" });
    expect(restored).toEqual([
      expect.objectContaining({ action: "restore_form", form_id: "contact_form", form_data: form }),
    ]);
  });
});
