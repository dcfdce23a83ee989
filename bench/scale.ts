// Scale-out figures: counter throughput with 1 and 2 server processes, and the added latency of a cross-process broadcast.
// `tsx bench/scale.ts` (needs Redis at 127.0.0.1:6379 and PostgreSQL at 127.0.0.1:5432, database test; or set
// BENCH_REDIS_URL / BENCH_DATABASE_URL; BENCH_ONLY=<part of a name> runs one deployment). Each run uses its own key prefix and schema and removes them afterwards.

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import pg from "pg";
import { LiveClient, pageToken, unlimitedEventsEnv } from "liveview-node/testing";

const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PINGS = 300;
const suffix = randomBytes(4).toString("hex");
const prefix = `lvbench:${suffix}:`;
const schema = `lvbench_${suffix}`;

if (process.argv[2] === "serve") await serve();
else await main();

/** Child mode: the counter app and a broadcast handler on a free port; prints "listening <port>". */
async function serve(): Promise<void> {
  const { createCounterApp } = await import("./servers/counter-app.ts");
  const { createDeployment } = await import("liveview-node/deployment");
  const { loadSettings, send } = await import("liveview-node");
  const deployment = createDeployment(loadSettings(), {
    redisPrefix: process.env.BENCH_PREFIX,
    pgSchema: process.env.BENCH_SCHEMA,
  });
  const app = createCounterApp({ ...deployment });
  app.registry.handler("broadcast_ping", (consumer, content) =>
    send(consumer, { ping: Number(content.data.n) }, { broadcast: true }),
  );
  const server = await app.listen(0, "127.0.0.1");
  console.log(`listening ${(server.address() as { port: number }).port}`);
  process.once("SIGTERM", () => void app.close().finally(() => process.exit(0)));
}

interface Deployment {
  name: string;
  processes: number;
  env: Record<string, string>;
  /** Also measure broadcast latency (first round): from a socket on the first process to one on each process. */
  broadcast?: boolean;
}

async function main(): Promise<void> {
  const sqlite = "sqlite:" + join(mkdtempSync(join(tmpdir(), "lvbench-")), "db.sqlite3");
  const shared = { BENCH_PREFIX: prefix, BENCH_SCHEMA: schema, SESSION_ENGINE: "db" };
  const deployments: Deployment[] = [
    {
      name: "1 process, SQLite, in-process lock and groups",
      processes: 1,
      env: { ...shared, DATABASE_URL: sqlite, REDIS_URL: "" },
      broadcast: true,
    },
    { name: "1 process, Redis + SQLite", processes: 1, env: { ...shared, DATABASE_URL: sqlite, REDIS_URL } },
    { name: "2 processes, Redis + SQLite", processes: 2, env: { ...shared, DATABASE_URL: sqlite, REDIS_URL } },
    { name: "1 process, Redis + PostgreSQL", processes: 1, env: { ...shared, DATABASE_URL: PG_URL, REDIS_URL } },
    {
      name: "2 processes, Redis + PostgreSQL",
      processes: 2,
      env: { ...shared, DATABASE_URL: PG_URL, REDIS_URL },
      broadcast: true,
    },
  ];
  const chosen = deployments.filter((d) => d.name.includes(process.env.BENCH_ONLY ?? ""));
  console.log(
    `counter: ${SOCKETS} sockets, each with its own session, closed loops for ${SECONDS} s; ${ROUNDS} interleaved rounds, medians`,
  );
  const runs = new Map<Deployment, { perSecond: number; p50: number; p99: number }[]>(chosen.map((d) => [d, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const deployment of chosen) {
        const servers = await startAll(deployment);
        try {
          runs.get(deployment)!.push(await counterThroughput(servers.map((s) => s.url)));
          if (round === 0 && deployment.broadcast)
            await broadcastLatency(
              deployment.name,
              servers.map((s) => s.url),
            );
        } finally {
          await Promise.all(servers.map((s) => s.stop()));
        }
      }
    }
    for (const [deployment, results] of runs) {
      const median = (pick: (r: { perSecond: number; p50: number; p99: number }) => number) =>
        percentile(results.map(pick), 0.5);
      console.log(
        `  ${deployment.name.padEnd(48)} ${median((r) => r.perSecond)
          .toFixed(0)
          .padStart(6)} increments/s` +
          `   p50 ${median((r) => r.p50).toFixed(1)} ms   p99 ${median((r) => r.p99).toFixed(1)} ms` +
          `   (runs: ${results.map((r) => r.perSecond.toFixed(0)).join(", ")})`,
      );
    }
  } finally {
    await cleanUp();
  }
}

async function counterThroughput(urls: string[]): Promise<{ perSecond: number; p50: number; p99: number }> {
  const clients = await Promise.all(
    Array.from({ length: SOCKETS }, async (_, i) => {
      const url = urls[i % urls.length]!;
      const res = await fetch(url + "/counter");
      const cookie = res.headers.getSetCookie()[0]!.split(";")[0]!;
      return LiveClient.connect(url, { cookie, token: pageToken(await res.text()) });
    }),
  );
  for (const client of clients) await client.call("increment_counter"); // warm up: sessions exist, connections open
  const latencies: number[] = [];
  const stopAt = performance.now() + SECONDS * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < stopAt) {
        const started = performance.now();
        const replies = await client.call("increment_counter");
        if (replies.some((r) => r.error !== undefined)) throw new Error(String(replies[0]!.error));
        latencies.push(performance.now() - started);
        client.received.length = 0;
      }
    }),
  );
  await Promise.all(clients.map((c) => c.close()));
  return { perSecond: latencies.length / SECONDS, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

/** A sender and a receiver on A, a receiver on B (or on A again with one process): each arrival, counted from the send. */
async function broadcastLatency(name: string, urls: string[]): Promise<void> {
  const [a, b] = [urls[0]!, urls[1] ?? urls[0]!];
  const [sender, onA, onB] = await Promise.all([LiveClient.connect(a), LiveClient.connect(a), LiveClient.connect(b)]);
  const local: number[] = [];
  const remote: number[] = [];
  for (let n = 0; n < PINGS; n++) {
    const started = performance.now();
    const arrivals = [onA, onB].map((c) => c.next((m) => m.ping === n).then(() => performance.now() - started));
    void sender.call("broadcast_ping", { data: { n } });
    const [toA, toB] = await Promise.all(arrivals);
    if (n >= 20) {
      // after warm-up
      local.push(toA!);
      remote.push(toB!);
    }
    for (const c of [sender, onA, onB]) c.received.length = 0;
  }
  await Promise.all([sender, onA, onB].map((c) => c.close()));
  const added = remote.map((r, i) => r - local[i]!);
  console.log(
    `  broadcast, ${name} (${PINGS - 20} pings from a socket on the first process): p50 received there ` +
      `${percentile(local, 0.5).toFixed(2)} ms, on ${urls.length > 1 ? "the other process" : "the same process"} ` +
      `${percentile(remote, 0.5).toFixed(2)} ms (p50 of the difference ${percentile(added, 0.5).toFixed(2)} ms)`,
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

async function startAll(deployment: Deployment): Promise<Server[]> {
  const servers: Server[] = [];
  for (let i = 0; i < deployment.processes; i++) servers.push(await start(deployment.env)); // the first creates tables
  return servers;
}

function start(env: Record<string, string>): Promise<Server> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", fileURLToPath(import.meta.url), "serve"],
    {
      env: { ...process.env, ...unlimitedEventsEnv, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const port = /listening (\d+)/.exec(out)?.[1];
      if (port)
        resolve({ url: `http://127.0.0.1:${port}`, stop: async () => void (child.kill("SIGTERM"), await exited) });
    });
  });
}

async function cleanUp(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}
