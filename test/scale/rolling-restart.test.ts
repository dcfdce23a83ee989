// A rolling restart under load: two processes over Redis and PostgreSQL are replaced one at a time (a new one
// starts, the old one drains on SIGTERM) while sockets increment their counters and receive broadcasts. No
// acknowledged increment is lost, no broadcast is missed or doubled, and every socket ends on a new process.

import { afterAll, expect, it } from "vitest";
import { browserSession, pageCounter, startServer, type ServerProcess } from "./processes.ts";
import { ResumingClient } from "./resuming-client.ts";
import { cleanUp, describeWithServices, isolation } from "./services.ts";
import { deploymentEnv } from "./two-servers.ts";

const CLIENTS = 12;
const ids = isolation();
const env = deploymentEnv(ids, {
  TEST_DRAIN: "1",
  LIVEVIEW_DRAIN_SPREAD_MS: "1000",
});
const servers: ServerProcess[] = [];
/** What the load balancer sends new connections to: the processes up and not draining. */
let up: ServerProcess[] = [];
const pick = () => up[Math.floor(Math.random() * up.length)]!.url;

async function start(): Promise<ServerProcess> {
  const server = await startServer(env);
  servers.push(server);
  up.push(server);
  return server;
}

/** SIGTERM, as a deploy does: the balancer stops sending it connections, and it drains and exits. */
async function retire(server: ServerProcess): Promise<void> {
  up = up.filter((s) => s !== server);
  await server.stop();
}

describeWithServices("a rolling restart of two processes under load", () => {
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await cleanUp(ids);
  });

  it("loses no acknowledged increment and no broadcast, and every socket reconnects", async () => {
    const [a, b] = [await start(), await start()];
    const clients = await Promise.all(
      [...Array(CLIENTS)].map(async (_, i) => {
        const client = new ResumingClient(`c${i}`, await browserSession(pick()), pick);
        await client.open();
        return client;
      }),
    );
    const broadcaster = new ResumingClient("sender", await browserSession(pick()), pick);
    await broadcaster.open();
    // A first broadcast gives every socket its last-seen point in the group.
    const first = clients.map((c) => c.next((m) => m.ping === 0));
    await broadcaster.call("broadcast_ping", { n: 0 });
    await Promise.all(first);

    let running = true;
    const acked = new Map<ResumingClient, number>(clients.map((c) => [c, 0]));
    const load = clients.map(async (client) => {
      while (running) {
        const replies = await client.call("increment_counter");
        if (!replies.some((r) => r.error !== undefined)) acked.set(client, acked.get(client)! + 1);
      }
    });
    const sent: number[] = [];
    const broadcasts = (async () => {
      for (let n = 1; running; n++) {
        const replies = await broadcaster.call("broadcast_ping", { n });
        if (!replies.some((r) => r.error !== undefined)) sent.push(n);
      }
    })();

    const c = await start();
    await retire(a);
    const d = await start();
    await retire(b);
    running = false;
    await Promise.all([...load, broadcasts]);
    // A last broadcast, sent once everything else was: when a socket has it, it has had all the others.
    const last = clients.map((client) => client.next((m) => m.ping === -1));
    await broadcaster.call("broadcast_ping", { n: -1 });
    await Promise.all(last);

    const total = [...acked.values()].reduce((x, y) => x + y, 0);
    const stall = Math.max(...clients.map((client) => client.longestStallMs));
    console.log(
      `rolling restart: ${total} increments and ${sent.length} broadcasts acknowledged over ${CLIENTS} sockets; ` +
        `longest stall a socket saw between two acknowledgements: ${stall} ms`,
    );
    for (const client of clients) {
      expect(client.opened).toBeGreaterThanOrEqual(2);
      expect(client.connected).toBe(true);
      expect(client.resyncs).toEqual([]);
      // Every message of the group once, in order, without a gap.
      const numbers = client.groupMessages.map((m) => m.stamp[2]);
      expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
      const pings = new Set(client.groupMessages.map((m) => m.message.ping));
      expect(sent.filter((n) => !pings.has(n))).toEqual([]);
    }
    for (const [client, count] of acked) expect(await pageCounter(d.url, client["browser"].cookie)).toBe(count);
    expect(total).toBeGreaterThan(0);
    expect(sent.length).toBeGreaterThan(0);
    for (const client of [...clients, broadcaster]) client.close();
    void c;
  });
});
