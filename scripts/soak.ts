// Soak run: one server process under a steady stream of visits (a page, a socket, increments, a failing handler, a
// broken frame, a broadcast, a sign-in and a sign-out, a refused upgrade, a malformed URL) beside standing sockets
// that hear the broadcasts. RSS, heap after a collection, open descriptors and timers are sampled; start and end are
// taken with only the standing sockets open and must agree within the margins below. Bounded; 127.0.0.1 only.
//
//   npm run soak -- --minutes 15

import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { LiveClient } from "../src/testing/index.ts";

const { values } = parseArgs({ options: { minutes: { type: "string", default: "15" } } });
const RUN_MS = Number(values.minutes) * 60_000;
/** One visit starts this often: ten a second. */
const VISIT_MS = 100;
/** Visits in flight at most; a slower server gets fewer, never a pile. */
const MAX_IN_FLIGHT = 20;
/** Sockets open for the whole run. */
const STANDING = 20;
/** The start is sampled once the server has warmed up (JIT, caches, SQLite pages). */
const WARM_UP_MS = 60_000;
const SAMPLE_MS = 30_000;
/** What "flat" allows between the start and the end, each taken at rest. */
const MARGINS = { heapUsed: 8 * 1024 * 1024, rss: 64 * 1024 * 1024, descriptors: 2, timers: 2, sockets: 0 };

type Stats = { rss: number; heapUsed: number; descriptors: number; timers: number; sockets: number };

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startServer(): Promise<{ url: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    ["--expose-gc", "--conditions=source", "--import", "tsx", join(root, "scripts/soak-server.ts")],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the soak server exited with ${code}`)));
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const port = /listening (\d+)/.exec(out)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") });
    });
  });
}

async function page(url: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(url + "/");
  const cookie = res.headers.getSetCookie()[0]!.split(";")[0]!;
  return { cookie, token: /<p id="token">([^<]+)<\/p>/.exec(await res.text())![1]! };
}

const counts = { visits: 0, calls: 0, errors: 0, refused: 0, malformed: 0 };

async function visit(url: string): Promise<void> {
  const browser = await page(url);
  const client = await LiveClient.connect(url, browser);
  // Each call settles when acknowledged, or when the socket closes (sign_out closes it with 4001).
  const closed = client.closed();
  for (const fn of ["increment", "increment", "fail", "shout", "sign_in", "increment", "sign_out"]) {
    await Promise.race([client.call(fn), closed]);
    counts.calls++;
  }
  client.sendRaw("{not json");
  await client.close();
  counts.errors += client.received.filter((m) => m.error !== undefined).length;
  const refused = await LiveClient.connect(url, { origin: "http://evil.example" }).catch(() => null);
  if (refused) throw new Error("a foreign origin's upgrade was accepted");
  counts.refused++;
  if ((await fetch(url + "/static/%E0%A4%A")).status === 400) counts.malformed++;
  counts.visits++;
}

async function stats(url: string): Promise<Stats> {
  return (await (await fetch(url + "/stats")).json()) as Stats;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const line = (label: string, s: Stats) =>
  `${label.padEnd(12)} rss ${mb(s.rss).padStart(7)} MB  heap ${mb(s.heapUsed).padStart(6)} MB  descriptors ${String(s.descriptors).padStart(4)}  timers ${String(s.timers).padStart(3)}  sockets ${String(s.sockets).padStart(3)}  (${counts.visits} visits)`;

async function main(): Promise<void> {
  const server = await startServer();
  const standing: LiveClient[] = [];
  try {
    for (let i = 0; i < STANDING; i++) standing.push(await LiveClient.connect(server.url, await page(server.url)));
    let inFlight = 0;
    let failures = 0;
    let paused = false;
    const started = Date.now();
    const visits = (async () => {
      while (Date.now() - started < RUN_MS) {
        await sleep(VISIT_MS);
        if (paused || inFlight >= MAX_IN_FLIGHT) continue;
        inFlight++;
        void visit(server.url)
          .catch((error: Error) => {
            failures++;
            console.error(`a visit failed: ${error.message}`);
          })
          .finally(() => inFlight--);
      }
    })();
    /** Stops new visits and waits for those in flight: the server then holds only the standing sockets. */
    const atRest = async (): Promise<Stats> => {
      paused = true;
      while (inFlight > 0) await sleep(VISIT_MS);
      for (const client of standing) client.received.length = 0;
      const s = await stats(server.url);
      paused = false;
      return s;
    };

    await sleep(WARM_UP_MS);
    const start = await atRest();
    console.log(line("start", start));
    while (Date.now() - started < RUN_MS - SAMPLE_MS) {
      await sleep(SAMPLE_MS);
      console.log(line(`${Math.round((Date.now() - started) / 1000)} s`, await stats(server.url)));
    }
    await visits;
    const end = await atRest();
    console.log(line("end", end));
    const over = (Object.keys(MARGINS) as (keyof Stats)[]).filter((k) => Math.abs(end[k] - start[k]) > MARGINS[k]);
    console.log(
      `soak: ${(RUN_MS / 60_000).toFixed(1)} min, ${counts.visits} visits, ${counts.calls} calls, ${counts.errors} error replies, ` +
        `${counts.refused} refused upgrades, ${counts.malformed} malformed URLs answered 400, ${failures} failed visits; ` +
        `${over.length === 0 ? "flat within the margins" : `NOT flat: ${over.join(", ")}`} ` +
        `(heap ${mb(MARGINS.heapUsed)} MB, rss ${mb(MARGINS.rss)} MB, descriptors ${MARGINS.descriptors}, timers ${MARGINS.timers}, sockets ${MARGINS.sockets})`,
    );
    process.exitCode = over.length === 0 && failures === 0 ? 0 : 1;
  } finally {
    await Promise.all(standing.map((c) => c.close().catch(() => undefined)));
    server.stop();
  }
}

await main();
