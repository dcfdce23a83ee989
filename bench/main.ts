// `npm run bench`: our server (or another, with --url) against a raw ws echo server, in one run; see options.ts.

import { join, relative } from "node:path";
import { measureBundle } from "./bundle.ts";
import { Child } from "./children.ts";
import { HTTP_CONNECTIONS, MEMORY_SOCKETS } from "./constants.ts";
import { freshDatabase } from "./database.ts";
import { detectEnvironment, loadAverage } from "./environment.ts";
import { httpTable, measureHttp, type HttpFigure } from "./http-figure.ts";
import { fetchVisit, fetchVisits, hasSessionCookie, type Visit } from "./http-session.ts";
import { measureMemory, type MemoryResult } from "./memory.ts";
import { parseOptions, USAGE, type Options } from "./options.ts";
import { probeReplyMode } from "./probe.ts";
import { measureReconnect, reconnectReport } from "./reconnect/section.ts";
import { RESULTS_DIRECTORY, writeResults } from "./results.ts";
import {
  peerServer,
  startBareHttp,
  startEcho,
  startLiveViewJs,
  startOurs,
  stopServer,
  type BenchServer,
} from "./servers.ts";
import { summarize } from "./summary.ts";
import { bundleLine, describeRun, memoryTable, throughputTable } from "./table.ts";
import { measureThroughput } from "./throughput.ts";

const startedAt = new Date();
const clock = performance.now();
let parsed: Options | "help";
try {
  parsed = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (parsed === "help") {
  console.log(USAGE);
  process.exit(0);
}
const options = parsed;
const env = detectEnvironment();
const bundle = measureBundle();
const database = freshDatabase();
const log = (line: string) => console.log(line);

const running = new Set<BenchServer>();
async function start(pending: Promise<BenchServer>): Promise<BenchServer> {
  const server = await pending;
  running.add(server);
  return server;
}
async function stopAll(): Promise<void> {
  const servers = [...running];
  running.clear();
  await Promise.all(servers.map(stopServer));
}
const profiles = options.cpuProfile ? join(RESULTS_DIRECTORY, "profiles") : null;
const peer = options.peer ? peerServer(options.peer.url, options.peer.page, options.peer.pid) : null;
const newTarget = (profile: string | null) =>
  peer ? Promise.resolve(peer) : start(startOurs(env, database.url, profile));
const targetLabel = peer?.label ?? "ours";
const client = await Child.start({ script: "load/client.ts", core: env.pinning?.client ?? null });
const withLiveViewJs = !peer && !options.skipLiveViewJs;
const memory: MemoryResult[] = [];

/**
 * A fresh echo server, then a fresh one of ours (on sessions made beforehand) or the peer as it runs, then a fresh
 * LiveViewJS (on pages it served before the first reading); one at a time.
 */
async function measureIdleMemory(visits: Visit[]): Promise<void> {
  const which = peer ? `${targetLabel} (as it runs)` : `a fresh ${targetLabel}`;
  log(
    `\nIdle memory: ${MEMORY_SOCKETS.toLocaleString("en-US")} sockets on a fresh raw ws echo server, then on ${which}${withLiveViewJs ? ", then on a fresh LiveViewJS" : ""}...`,
  );
  await stopAll();
  const servers: [() => Promise<BenchServer>, (server: BenchServer) => Promise<Visit[]>][] = [
    [() => start(startEcho(env)), async () => visits],
    [() => newTarget(null), async () => visits],
  ];
  if (withLiveViewJs)
    servers.push([() => start(startLiveViewJs(env)), (server) => fetchVisits(server.page!, MEMORY_SOCKETS)]);
  for (const [fresh, visitsFor] of servers) {
    const server = await fresh();
    if (server.pid !== null) memory.push(await measureMemory(server, client, await visitsFor(server)));
    else log(`(no memory figure for ${server.label}: pass --pid)`);
    await stopAll();
  }
}

try {
  log(describeRun(env, options, targetLabel));
  // A peer is measured before the load runs have grown its heap; ours is started afresh for it afterwards.
  if (peer && !options.skipMemory) await measureIdleMemory(await fetchVisits(peer.page!, MEMORY_SOCKETS));
  const [echo, target] = await Promise.all([start(startEcho(env)), newTarget(profiles)]);
  const page = target.page!;
  const [visits, sharedVisit, probeVisit] = await Promise.all([
    fetchVisits(page, Math.max(...options.connections)),
    fetchVisit(page),
    fetchVisit(page),
  ]);
  if (!hasSessionCookie(sharedVisit.cookie))
    log(`warning: ${page} set no sessionid cookie; the sockets carry no session`);
  const serverReply = await probeReplyMode(target.url, target.origin, probeVisit);
  log(
    `The reply from ${targetLabel} is ${serverReply === "ack" ? "its acknowledgement of the message id (in shared runs it also pushes the count to the session's other sockets)" : "the next message"}.\n`,
  );

  const liveviewjs = withLiveViewJs ? await start(startLiveViewJs(env)) : null;
  const liveviewjsVisits = liveviewjs ? await fetchVisits(liveviewjs.page!, Math.max(...options.connections)) : [];
  if (liveviewjs)
    log(
      `LiveViewJS answers each click with its reply to the message ref (a diff of the count); it runs in the per-session runs only.`,
    );
  const plan = {
    ...options,
    visits,
    sharedVisit,
    serverReply,
    liveviewjs: liveviewjs ? { server: liveviewjs, visits: liveviewjsVisits } : null,
  };
  const runs = await measureThroughput(plan, echo, target, client, log);
  if (liveviewjs) {
    running.delete(liveviewjs);
    await stopServer(liveviewjs);
  }
  const rows = summarize(runs);
  let http: HttpFigure | null = null;
  if (!peer && !options.skipHttp) {
    log(
      `\nHTTP: GET /counter with a session on ${targetLabel}, against a bare node:http server rendering the same template...`,
    );
    const bare = await start(startBareHttp(env));
    const cookies = visits.slice(0, HTTP_CONNECTIONS).map((v) => v.cookie);
    http = await measureHttp(
      {
        connections: HTTP_CONNECTIONS,
        rounds: options.rounds,
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
        cookies,
      },
      bare,
      target,
      client,
      log,
    );
    running.delete(bare);
    await stopServer(bare);
  }
  if (!peer && !options.skipMemory) await measureIdleMemory(await fetchVisits(page, MEMORY_SOCKETS));
  // Alone on the machine: every other server stopped first.
  const reconnect = options.reconnect && !peer ? (await stopAll(), await measureReconnect(database.url, log)) : null;

  const runSeconds = (performance.now() - clock) / 1000;
  const loadAtEnd = loadAverage();
  const file = writeResults(startedAt, {
    startedAt: startedAt.toISOString(),
    runSeconds,
    environment: { ...env, loadAverageAtEnd: loadAtEnd },
    options,
    target: { label: target.label, url: target.url, page: target.page, serverReply },
    throughput: rows,
    runs: runs.map(({ result: { histogram: _, ...result }, ...run }) => ({ ...run, result })),
    memory,
    http,
    bundle,
    reconnect,
  });
  log(`\n${throughputTable(rows, targetLabel)}`);
  if (http) log(`\n${httpTable(http)}`);
  if (memory.length > 0) log(`\n${memoryTable(memory, targetLabel)}`);
  if (reconnect) log(`\n${reconnectReport(reconnect)}`);
  log(`\n${bundleLine(bundle)}`);
  if (profiles) log(`CPU profile of ${targetLabel}: ${relative(process.cwd(), profiles)}`);
  log(
    `Results: ${file} (run time ${Math.round(runSeconds)} s; load average ${env.loadAverage.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end)`,
  );
} finally {
  await stopAll();
  await client.stop();
  database.remove();
}
