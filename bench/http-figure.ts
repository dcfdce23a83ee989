// The HTTP side: GET /counter with a session on our server (loaded, rendered, saved), against a bare node:http
// server rendering the same template without one; the two in turn, round after round, at one connection count.

import { setTimeout as sleep } from "node:timers/promises";
import type { Child } from "./children.ts";
import { PAUSE_BETWEEN_RUNS_MS } from "./constants.ts";
import { CpuMeter } from "./cpu-meter.ts";
import type { HttpResult } from "./ipc.ts";
import { waitForIdle } from "./proc.ts";
import type { BenchServer } from "./servers.ts";
import { ms } from "./table.ts";

export interface HttpSide {
  requestsPerSecond: number;
  /** Worst round's latency percentiles (rounds are few; a merged histogram would need the counts shipped). */
  p50Ms: number;
  p99Ms: number;
  cpuMicrosPerRequest: number | null;
  errors: number;
}

export interface HttpFigure {
  connections: number;
  bare: HttpSide;
  ours: HttpSide;
  ratio: number;
}

interface Plan {
  connections: number;
  rounds: number;
  warmupMs: number;
  durationMs: number;
  /** One Cookie header per connection: a session each (the page GETs that made them came first). */
  cookies: string[];
}

export async function measureHttp(
  plan: Plan,
  bare: BenchServer,
  ours: BenchServer,
  client: Child,
  log: (line: string) => void,
): Promise<HttpFigure> {
  const runs = new Map<BenchServer, { result: HttpResult; cpu: number | null }[]>([
    [bare, []],
    [ours, []],
  ]);
  const pids = [bare.pid, ours.pid, client.pid].filter((pid): pid is number => pid !== null);
  for (let round = 1; round <= plan.rounds; round++) {
    for (const server of [bare, ours]) {
      await waitForIdle(pids.filter((pid) => pid !== client.pid));
      const meter = new CpuMeter(server.pid, pids);
      const job = {
        url: server.page!,
        cookies: server === ours ? plan.cookies : [""],
        connections: plan.connections,
        warmupMs: plan.warmupMs,
        durationMs: plan.durationMs,
      };
      const { result } = await client.request({ type: "http", job }, "httpResult", (event) => {
        if (event.type === "window") meter.sample();
      });
      const cpu = meter.shares(result.windowMs).server;
      runs.get(server)!.push({ result, cpu });
      const rate = Math.round((result.requests / result.windowMs) * 1000).toLocaleString("en-US");
      log(
        `  http C=${plan.connections} round ${round}/${plan.rounds}  ${server.label.padEnd(10)} ${rate} req/s  p50 ${ms(result.p50Ms)} ms  p99 ${ms(result.p99Ms)} ms${result.errors ? `  (errors ${result.errors})` : ""}`,
      );
      await sleep(PAUSE_BETWEEN_RUNS_MS);
    }
  }
  const side = (server: BenchServer): HttpSide => {
    const all = runs.get(server)!;
    const requests = all.reduce((n, r) => n + r.result.requests, 0);
    const windowMs = all.reduce((n, r) => n + r.result.windowMs, 0);
    const measured = all.filter((r) => r.cpu !== null);
    const cpuMicros = measured.reduce((n, r) => n + r.cpu! * r.result.windowMs * 1000, 0);
    const cpuRequests = measured.reduce((n, r) => n + r.result.requests, 0);
    return {
      requestsPerSecond: (requests / windowMs) * 1000,
      p50Ms: Math.max(...all.map((r) => r.result.p50Ms)),
      p99Ms: Math.max(...all.map((r) => r.result.p99Ms)),
      cpuMicrosPerRequest: cpuRequests > 0 ? cpuMicros / cpuRequests : null,
      errors: all.reduce((n, r) => n + r.result.errors, 0),
    };
  };
  const figure = { connections: plan.connections, bare: side(bare), ours: side(ours) };
  // A side that answered errors measured something else than a page: no ratio is better than a wrong one.
  for (const [label, s] of [
    ["bare node:http", figure.bare],
    ["ours", figure.ours],
  ] as const) {
    if (s.errors > 0) throw new Error(`HTTP figure: ${label} answered ${s.errors} requests with an error`);
  }
  return { ...figure, ratio: figure.ours.requestsPerSecond / figure.bare.requestsPerSecond };
}

export function httpTable(figure: HttpFigure): string {
  const row = (label: string, s: HttpSide) =>
    `${label.padEnd(34)} ${Math.round(s.requestsPerSecond).toLocaleString("en-US").padStart(8)} req/s  p50 ${ms(s.p50Ms)} ms  p99 ${ms(s.p99Ms)} ms  ${s.cpuMicrosPerRequest === null ? "-" : s.cpuMicrosPerRequest.toFixed(0)} µs/req${s.errors ? `  errors ${s.errors}` : ""}`;
  return [
    `HTTP: GET /counter, C = ${figure.connections} keep-alive connections (latencies: the worst round's)`,
    row("bare node:http, same template", figure.bare),
    row("ours (session loaded, saved)", figure.ours),
    `ratio ours / bare: ${figure.ratio.toFixed(2)}`,
  ].join("\n");
}
