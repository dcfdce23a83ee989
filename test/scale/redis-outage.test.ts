// Redis stops mid-run and comes back (a redis-server of the test's own, so the shared one is never touched):
// handlers fail fast with a clear error while it is down, everything recovers by itself, nothing acknowledged is lost.

import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LiveClient } from "../../src/testing/index.ts";
import {
  freePort,
  pageCounter,
  browserSession,
  startRedisServer,
  startServer,
  type ServerProcess,
} from "./processes.ts";
import { incrementThroughOutage } from "./outage.ts";
import { cleanUp, describeWithServices, isolation, PG_URL } from "./services.ts";

const ids = isolation();

describeWithServices(
  "Redis stops and comes back (cached_db: Redis in front of PostgreSQL)",
  () => {
    let port: number;
    let redis: ChildProcess | undefined;
    let a: ServerProcess;
    let b: ServerProcess;
    const clients: LiveClient[] = [];

    beforeAll(async () => {
      port = await freePort();
      redis = await startRedisServer(port);
      const env = {
        REDIS_URL: `redis://127.0.0.1:${port}`,
        DATABASE_URL: PG_URL,
        SESSION_ENGINE: "cached_db",
        TEST_PREFIX: ids.prefix,
        TEST_SCHEMA: ids.schema,
      };
      a = await startServer(env);
      b = await startServer(env);
    });
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      await Promise.all([a?.stop(), b?.stop()]);
      redis?.kill("SIGKILL");
      await cleanUp(ids, `redis://127.0.0.1:${port}`);
    });

    it("fails fast while Redis is down, recovers when it is back, and loses no acknowledged increment", async () => {
      const browser = await browserSession(a.url);
      for (const server of [a, b, a, b, a, b]) clients.push(await LiveClient.connect(server.url, browser));
      const service = {
        stop: () => redis!.kill("SIGKILL"),
        start: async () => (redis = await startRedisServer(port)),
      };
      const { outcomes, acked, failed, downAt, upAt } = await incrementThroughOutage(clients, service, {
        before: 800,
        down: 1500,
        after: 2500,
      });
      const recoveredAfter = outcomes.find((o) => o.ok && o.startedAt > upAt)!.startedAt - upAt;
      console.log(
        `Redis outage: ${acked} acknowledged, ${failed.length} failed, slowest call ${Math.max(...outcomes.map((o) => o.ms))} ms, first success ${recoveredAfter} ms after restart`,
      );

      expect(outcomes.filter((o) => o.ok && o.startedAt < downAt).length).toBeGreaterThan(0);
      expect(failed.length).toBeGreaterThan(0);
      // The client hears that storage is down and that nothing changed; which server, at which address, is for the log.
      for (const f of failed)
        expect(f.error).toMatch(
          /^Handler error: the server cannot reach its storage right now, so nothing was changed.*\(id \w+\)$/,
        );
      expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(1500); // no hang
      expect(outcomes.filter((o) => o.ok && o.startedAt > upAt + 1500).length).toBeGreaterThan(0);
      // Every acknowledged increment is in PostgreSQL; a failed one may have been saved before its error (a timeout).
      const counter = await pageCounter(b.url, browser.cookie);
      expect(counter).toBeGreaterThanOrEqual(acked);
      expect(counter).toBeLessThanOrEqual(acked + failed.length);

      // Groups work again: both processes subscribed their channels anew.
      const arrival = clients[1]!.next((m) => m.ping === 7);
      await clients[0]!.call("broadcast_ping", { data: { n: 7 } });
      expect(await arrival).toMatchObject({ html: "7" });
    });
  },
  { redisServer: true },
);
