// Rounds merged into one row per configuration: throughput, latency percentiles, ratio, lost updates, CPU.

import { Histogram } from "./load/histogram.ts";
import type { Mode, Run } from "./throughput.ts";

export interface Side {
  /** Round trips per second over all rounds' windows together. */
  roundTripsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  serverCpu: number | null;
  /** Server CPU per round trip, in microseconds (all rounds' CPU over all their round trips): stable under noise. */
  cpuMicrosPerRoundTrip: number | null;
  clientCpu: number;
  /** Processes outside the benchmark, as a share of one core: the worst window (noise). */
  otherCpu: number | null;
  errors: number;
  unanswered: number;
}

export interface Row {
  mode: Mode;
  connections: number;
  echo: Side;
  target: Side;
  /** target / echo throughput, over all rounds, and the lowest and highest of the rounds' own ratios. */
  ratio: number;
  ratioRange: [number, number];
  /** Summed over rounds; null when not measured (per-session mode, or no counter page). */
  lost: number | null;
  /** LiveViewJS in the same rounds (per-session rows), and target / LiveViewJS throughput; null when not measured. */
  liveviewjs: Side | null;
  overLiveViewJs: number | null;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function side(runs: Run[]): Side {
  const histogram = new Histogram();
  for (const run of runs) histogram.add(run.result.histogram);
  const roundTrips = runs.reduce((n, r) => n + r.result.roundTrips, 0);
  const windowMs = runs.reduce((n, r) => n + r.result.windowMs, 0);
  const cpu = runs.map((r) => r.serverCpu).filter((c): c is number => c !== null);
  const others = runs.map((r) => r.otherCpu).filter((c): c is number => c !== null);
  const measured = runs.filter((r) => r.serverCpu !== null);
  const cpuMicros = measured.reduce((n, r) => n + r.serverCpu! * r.result.windowMs * 1000, 0);
  const cpuRoundTrips = measured.reduce((n, r) => n + r.result.roundTrips, 0);
  return {
    roundTripsPerSecond: (roundTrips / windowMs) * 1000,
    p50Ms: histogram.quantile(0.5),
    p99Ms: histogram.quantile(0.99),
    serverCpu: cpu.length > 0 ? mean(cpu) : null,
    cpuMicrosPerRoundTrip: cpuRoundTrips > 0 ? cpuMicros / cpuRoundTrips : null,
    clientCpu: mean(runs.map((r) => r.result.clientCpu)),
    otherCpu: others.length > 0 ? Math.max(...others) : null,
    errors: runs.reduce((n, r) => n + r.result.errors, 0),
    unanswered: runs.reduce((n, r) => n + r.result.unanswered, 0),
  };
}

const rate = (run: Run) => run.result.roundTrips / run.result.windowMs;

export function summarize(runs: Run[]): Row[] {
  const rows: Row[] = [];
  const keys = [...new Set(runs.map((r) => `${r.mode}|${r.connections}`))];
  for (const key of keys) {
    const group = runs.filter((r) => `${r.mode}|${r.connections}` === key);
    const echo = group.filter((r) => r.server === "echo");
    const target = group.filter((r) => r.server !== "echo" && r.server !== "liveviewjs");
    const peer = group.filter((r) => r.server === "liveviewjs");
    const peerSide = peer.length > 0 ? side(peer) : null;
    const ratios = target.map((t) => rate(t) / rate(echo.find((e) => e.round === t.round)!));
    const losses = target.map((r) => r.lost).filter((l): l is number => l !== null);
    const row = { mode: group[0]!.mode, connections: group[0]!.connections, echo: side(echo), target: side(target) };
    rows.push({
      ...row,
      ratio: row.target.roundTripsPerSecond / row.echo.roundTripsPerSecond,
      ratioRange: [Math.min(...ratios), Math.max(...ratios)],
      lost: losses.length > 0 ? losses.reduce((a, b) => a + b, 0) : null,
      liveviewjs: peerSide,
      overLiveViewJs: peerSide ? row.target.roundTripsPerSecond / peerSide.roundTripsPerSecond : null,
    });
  }
  return rows;
}
