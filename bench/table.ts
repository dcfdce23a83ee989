// The short report on stdout: how the benchmark ran, then round trips, idle memory and the client bundle.

import type { BundleSize } from "./bundle.ts";
import { BUSY_LOAD_AVERAGE, LATENCY_DIGITS } from "./constants.ts";
import type { Environment } from "./environment.ts";
import type { MemoryResult } from "./memory.ts";
import type { Options } from "./options.ts";
import type { Row, Side } from "./summary.ts";

const count = (n: number) => Math.round(n).toLocaleString("en-US");
export const ms = (n: number) => (n >= 10 ** (LATENCY_DIGITS - 1) ? n.toFixed(0) : n.toPrecision(LATENCY_DIGITS));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const percent = (share: number | null) => (share === null ? "-" : String(Math.round(share * 100)));
const seconds = (milliseconds: number) => `${milliseconds / 1000} s`;

function table(rows: string[][], rightAligned: (column: number) => boolean): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function describeRun(env: Environment, options: Options, targetLabel: string): string {
  const pinning = env.pinning
    ? `servers pinned to core ${env.pinning.server}, load client to core ${env.pinning.client} (taskset)`
    : "processes not pinned (fewer than 2 cores or no taskset)";
  const busy =
    env.loadAverage > BUSY_LOAD_AVERAGE
      ? `\nWarning: the machine is not idle (load average ${env.loadAverage.toFixed(2)}): other processes share the cores; expect noise.`
      : "";
  return [
    `Node ${env.node} on ${env.platform}, ${env.cpu} (${env.cores} cores); ${pinning}.${busy}`,
    `Each run: C sockets, each a closed loop (send, await the reply, repeat); ${seconds(options.warmupMs)} warm-up, ` +
      `${seconds(options.durationMs)} measured; C = ${options.connections.join(", ")}; ${options.rounds} round(s) ` +
      `alternating raw ws echo and ${targetLabel} per configuration.`,
  ].join("\n");
}

function sideCells(side: Side): string[] {
  const perRoundTrip = side.cpuMicrosPerRoundTrip === null ? "-" : side.cpuMicrosPerRoundTrip.toFixed(0);
  return [
    count(side.roundTripsPerSecond),
    ms(side.p50Ms),
    ms(side.p99Ms),
    `${percent(side.serverCpu)}/${percent(side.clientCpu)}`,
    perRoundTrip,
  ];
}

/** "<=" when some requests went unanswered: the count is then an upper bound (see throughput.ts). */
const lostCell = (r: Row) => (r.lost === null ? "-" : `${r.target.unanswered > 0 ? "<=" : ""}${r.lost}`);

export function throughputTable(rows: Row[], targetLabel: string): string {
  const sideHeader = (label: string) => [`${label} rt/s`, "p50 ms", "p99 ms", "cpu s/c %", "µs/rt"];
  const peer = rows.some((r) => r.liveviewjs !== null);
  const peerHeader = peer ? [...sideHeader("LiveViewJS"), `${targetLabel}/LVJS`] : [];
  const header = ["sessions", "C", ...sideHeader("echo"), ...sideHeader(targetLabel), "ratio", "lost", ...peerHeader];
  const body = rows.map((r) => {
    const [low, high] = r.ratioRange;
    const range = low === high ? "" : ` (${low.toFixed(2)}-${high.toFixed(2)})`;
    const peerCells = !peer
      ? []
      : r.liveviewjs
        ? [...sideCells(r.liveviewjs), r.overLiveViewJs!.toFixed(2)]
        : ["-", "-", "-", "-", "-", "-"];
    return [
      r.mode,
      String(r.connections),
      ...sideCells(r.echo),
      ...sideCells(r.target),
      `${r.ratio.toFixed(2)}${range}`,
      lostCell(r),
      ...peerCells,
    ];
  });
  const title =
    `Round trips per second and latency, raw ws echo then ${targetLabel}; ratio = ${targetLabel} / echo round trips ` +
    `(lowest-highest round); cpu = server / load client, % of one core; µs/rt = server CPU per round trip`;
  const others = rows.flatMap((r) => [r.echo.otherCpu, r.target.otherCpu]).filter((c): c is number => c !== null);
  const noise =
    others.length > 0
      ? `\nOther processes on the machine used at most ${percent(Math.max(...others))} % of a core during a window.`
      : "";
  return `${title}\n${table([header, ...body], (c) => c >= 1)}${noise}`;
}

export function memoryTable(results: MemoryResult[], targetLabel: string): string {
  const label = (r: MemoryResult) =>
    r.server === "echo" ? "raw ws echo" : r.server === "liveviewjs" ? "LiveViewJS" : targetLabel;
  const rows = results.map((r) => [label(r), kb(r.rssPerSocket), r.heapPerSocket === null ? "-" : kb(r.heapPerSocket)]);
  const [echo, target] = results;
  if (echo && target) {
    const times = (a: number | null, b: number | null) => (a === null || b === null ? "-" : `x${(a / b).toFixed(1)}`);
    rows.push([
      `${targetLabel} / echo`,
      times(target.rssPerSocket, echo.rssPerSocket),
      times(target.heapPerSocket, echo.heapPerSocket),
    ]);
  }
  const sockets = count(results[0]?.sockets ?? 0);
  const note = results.some((r) => r.heapPerSocket === null)
    ? `\n${targetLabel}: RSS from /proc of a process we did not start; memory it freed earlier (the page GETs that made the sessions, for one) is reused first, so this is a lower bound.`
    : "";
  return `Idle memory per open socket (${sockets} sockets; after - before, divided by ${sockets}; heap after GC)\n${table([["server", "RSS", "V8 heap"], ...rows], (c) => c >= 1)}${note}`;
}

export function bundleLine(bundle: BundleSize): string {
  return `Client bundle: ${kb(bundle.bytes)}, ${kb(bundle.gzipBytes)} gzipped`;
}
