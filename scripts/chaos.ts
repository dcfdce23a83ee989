// Chaos run: two server processes on a Redis and a PostgreSQL of the run's own, browsers incrementing their counters
// through both, while at random moments a process is killed (SIGKILL) and restarted, Redis is restarted, or
// PostgreSQL is restarted. At the end, every browser's counter is read back: no acknowledged increment may be lost,
// no session corrupted, and every client must be back within seconds of each fault. Bounded in time; 127.0.0.1 only.
//
//   npm run chaos -- --minutes 5

import type { ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { LiveClient } from "../src/testing/index.ts";
import {
  browserSession,
  freePort,
  pageCounter,
  startRedisServer,
  startServer,
  type ServerProcess,
} from "../test/scale/processes.ts";
import { PostgresServer, postgresBin } from "../test/scale/postgres-server.ts";

const { values } = parseArgs({
  options: { minutes: { type: "string", default: "5" }, browsers: { type: "string", default: "6" } },
});
const RUN_MS = Number(values.minutes) * 60_000;
const BROWSERS = Number(values.browsers);
/** Quiet time between faults, drawn at random in this range. */
const FAULT_GAP_MS = { min: 4000, max: 12_000 };
/** How long Redis or PostgreSQL stays down, and a killed process stays dead, before it is started again. */
const DOWN_MS = { min: 300, max: 2500 };
/** A client that has not had an increment acknowledged this long after a fault ended counts as not back. */
const BACK_WITHIN_MS = 10_000;
/** Pause after a failed call or a lost connection before the next try. */
const RETRY_MS = 50;
/** Calm time at the end, so that every client is back before the counters are read. */
const SETTLE_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (range: { min: number; max: number }) =>
  range.min + Math.floor(Math.random() * (range.max - range.min));

interface Tab {
  browser: number;
  server: number;
  client: LiveClient | null;
  /** Settles when the current connection closes (one listener per connection, not per call). */
  gone: Promise<"gone">;
  lastAckAt: number;
}

interface Browser {
  cookie: string;
  token: string | null;
  acked: number;
  /** Calls whose outcome is unknown: the connection went while they were in flight (applied or not). */
  inDoubt: number;
  failed: number;
}

async function main(): Promise<void> {
  const bin = postgresBin();
  if (!bin) throw new Error("PostgreSQL's server programs (initdb, pg_ctl) are needed for the chaos run");
  const pg = new PostgresServer(bin, await freePort());
  pg.start();
  const redisPort = await freePort();
  let redis: ChildProcess = await startRedisServer(redisPort);
  const env = {
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    DATABASE_URL: pg.url,
    SESSION_ENGINE: "cached_db",
    TEST_PREFIX: "chaos:",
    TEST_SCHEMA: "chaos",
  };
  const servers: (ServerProcess | null)[] = [await startServer(env), await startServer(env)];
  const faults: { kind: string; at: number; endedAt: number; backAfterMs: number | null }[] = [];
  let running = true;

  try {
    const browsers: Browser[] = [];
    for (let i = 0; i < BROWSERS; i++)
      browsers.push({ ...(await browserSession(servers[i % 2]!.url)), acked: 0, inDoubt: 0, failed: 0 });
    const tabs: Tab[] = browsers.flatMap((_, browser) =>
      [0, 1].map((server) => ({
        browser,
        server,
        client: null,
        gone: new Promise<"gone">(() => undefined),
        lastAckAt: Date.now(),
      })),
    );

    // Each tab increments in a closed loop through its own process, reconnecting when its process is gone.
    const loops = tabs.map(async (tab) => {
      const browser = browsers[tab.browser]!;
      while (running) {
        const server = servers[tab.server];
        if (!server) {
          await sleep(RETRY_MS);
          continue;
        }
        if (!tab.client || tab.client.ws.readyState !== tab.client.ws.OPEN) {
          tab.client = await LiveClient.connect(server.url, browser).catch(() => null);
          if (tab.client) tab.gone = tab.client.closed().then(() => "gone" as const);
          else await sleep(RETRY_MS);
          continue;
        }
        const client = tab.client;
        const outcome = await Promise.race([
          client
            .call("increment_counter")
            .then((replies) => (replies.some((r) => r.error !== undefined) ? "failed" : "acked")),
          tab.gone,
        ]);
        if (outcome === "acked") {
          browser.acked++;
          tab.lastAckAt = Date.now();
        } else if (outcome === "failed") {
          browser.failed++;
          await sleep(RETRY_MS);
        } else {
          browser.inDoubt++;
          tab.client = null;
        }
      }
      await tab.client?.close().catch(() => undefined);
    });

    /** Waits until every tab has had an acknowledgement after `since`, or the bound; the time it took, or null. */
    const allBack = async (since: number): Promise<number | null> => {
      while (Date.now() - since < BACK_WITHIN_MS) {
        if (tabs.every((t) => t.lastAckAt > since)) return Math.max(...tabs.map((t) => t.lastAckAt)) - since;
        await sleep(RETRY_MS);
      }
      return null;
    };

    const started = Date.now();
    while (Date.now() - started < RUN_MS - SETTLE_MS) {
      await sleep(between(FAULT_GAP_MS));
      const kind = ["kill a", "kill b", "restart redis", "restart postgresql"][Math.floor(Math.random() * 4)]!;
      const at = Date.now();
      if (kind.startsWith("kill")) {
        const index = kind === "kill a" ? 0 : 1;
        servers[index]!.child.kill("SIGKILL");
        await servers[index]!.stop();
        servers[index] = null;
        await sleep(between(DOWN_MS));
        servers[index] = await startServer(env);
      } else if (kind === "restart redis") {
        redis.kill("SIGKILL");
        await new Promise((resolve) => redis.once("exit", resolve));
        await sleep(between(DOWN_MS));
        redis = await startRedisServer(redisPort);
      } else {
        pg.stop();
        await sleep(between(DOWN_MS));
        pg.start();
      }
      const endedAt = Date.now();
      const backAfterMs = await allBack(endedAt);
      faults.push({ kind, at: at - started, endedAt: endedAt - started, backAfterMs });
      console.log(
        `${((at - started) / 1000).toFixed(1)} s: ${kind}, down ${endedAt - at} ms; every client back ${backAfterMs === null ? `NOT within ${BACK_WITHIN_MS} ms` : `after ${backAfterMs} ms`}`,
      );
    }
    await sleep(SETTLE_MS);
    running = false;
    await Promise.all(loops);

    // What the store holds, read through either process: never less than acknowledged, never more than tried.
    let lost = 0;
    let corrupted = 0;
    const totals = { acked: 0, inDoubt: 0, failed: 0, stored: 0 };
    for (const [i, b] of browsers.entries()) {
      const counter = await pageCounter(servers[i % 2]!.url, b.cookie);
      const other = await pageCounter(servers[(i + 1) % 2]!.url, b.cookie);
      if (!Number.isInteger(counter) || counter !== other || counter > b.acked + b.inDoubt + b.failed) corrupted++;
      if (counter < b.acked) lost += b.acked - counter;
      totals.acked += b.acked;
      totals.inDoubt += b.inDoubt;
      totals.failed += b.failed;
      totals.stored += Number.isInteger(counter) ? counter : 0;
    }
    const slowest = Math.max(...faults.map((f) => f.backAfterMs ?? Infinity));
    console.log(
      `chaos: ${(RUN_MS / 60_000).toFixed(1)} min, ${faults.length} faults, ${BROWSERS} browsers x 2 processes; ` +
        `${totals.acked} increments acknowledged, ${lost} lost, ${totals.failed} refused with an error, ${totals.inDoubt} in doubt (connection lost mid-call), ` +
        `${totals.stored} stored; ${corrupted} sessions corrupted; slowest return of every client after a fault: ${slowest} ms`,
    );
    process.exitCode = lost === 0 && corrupted === 0 && Number.isFinite(slowest) ? 0 : 1;
  } finally {
    running = false;
    await Promise.all(servers.map((s) => s?.stop()));
    redis.kill("SIGKILL");
    pg.remove();
  }
}

await main();
