// Round trips: for each configuration, the echo server and the server under test in turn, round after round.

import { setTimeout as sleep } from "node:timers/promises";
import type { Child } from "./children.ts";
import { IDLE_NOTICE_MS, OTHERS_NOTICE_SHARE, PAUSE_BETWEEN_RUNS_MS } from "./constants.ts";
import { CpuMeter } from "./cpu-meter.ts";
import { readCounter, type Visit } from "./http-session.ts";
import type { LoadJob, LoadResult, ReplyMode } from "./ipc.ts";
import { waitForIdle } from "./proc.ts";
import type { BenchServer } from "./servers.ts";
import { ms } from "./table.ts";

/** "per-session": every socket has its own session; "shared": all sockets share one (the lost-update case). */
export type Mode = "per-session" | "shared";
export const MODES: Mode[] = ["per-session", "shared"];

export interface Run {
  mode: Mode;
  connections: number;
  round: number;
  server: BenchServer["name"];
  reply: ReplyMode;
  result: LoadResult;
  /** The server's CPU during the window, as a share of one core (null when its process is unknown). */
  serverCpu: number | null;
  /** CPU of processes outside the benchmark during the window (noise), as a share of one core. */
  otherCpu: number | null;
  /**
   * Shared mode on a server with a counter page: acknowledged increments minus the counter's rise. Exact when every
   * request was answered; otherwise unanswered requests are added, as any of them may have been applied: an upper bound.
   */
  counterBefore: number | null;
  counterAfter: number | null;
  lost: number | null;
}

export interface ThroughputPlan {
  connections: number[];
  rounds: number;
  warmupMs: number;
  durationMs: number;
  /** For the server under test: one visit per socket (enough for the largest C), and one shared by all. */
  visits: Visit[];
  sharedVisit: Visit;
  /** How the server under test answers a message (see probe.ts): its ack when it has them. */
  serverReply: ReplyMode;
  /** LiveViewJS, measured in the per-session runs only (its state is each socket's; a shared session means nothing to it). */
  liveviewjs: { server: BenchServer; visits: Visit[] } | null;
}

type Log = (line: string) => void;

export async function measureThroughput(
  plan: ThroughputPlan,
  echo: BenchServer,
  target: BenchServer,
  client: Child,
  log: Log,
): Promise<Run[]> {
  const runs: Run[] = [];
  const peer = plan.liveviewjs?.server ?? null;
  const serverPids = [echo.pid, target.pid, peer?.pid ?? null].filter((pid): pid is number => pid !== null);
  const labelWidth = Math.max(echo.label.length, target.label.length, peer?.label.length ?? 0);
  for (const mode of MODES) {
    for (const connections of plan.connections) {
      for (let round = 1; round <= plan.rounds; round++) {
        for (const server of mode === "per-session" && peer ? [echo, target, peer] : [echo, target]) {
          const waited = await waitForIdle(serverPids);
          if (waited > IDLE_NOTICE_MS) log(`  (waited ${(waited / 1000).toFixed(1)} s for the servers to go idle)`);
          const run = await measureOne(plan, mode, connections, round, server, client, [...serverPids, client.pid]);
          runs.push(run);
          log(describe(run, plan, server.label, labelWidth));
          await sleep(PAUSE_BETWEEN_RUNS_MS);
        }
      }
    }
  }
  return runs;
}

async function measureOne(
  plan: ThroughputPlan,
  mode: Mode,
  connections: number,
  round: number,
  server: BenchServer,
  client: Child,
  pids: number[],
): Promise<Run> {
  const shared = mode === "shared";
  // The same reply in both modes, so that shared against per-session measures the session guarantee alone.
  const liveviewjs = server.name === "liveviewjs";
  const reply: ReplyMode = liveviewjs ? "phoenix" : server.name !== "echo" ? plan.serverReply : "next";
  const visits = liveviewjs ? plan.liveviewjs!.visits : plan.visits;
  const job: LoadJob = {
    url: server.url,
    origin: server.origin,
    visits: shared ? new Array<Visit>(connections).fill(plan.sharedVisit) : visits.slice(0, connections),
    connections,
    warmupMs: plan.warmupMs,
    durationMs: plan.durationMs,
    reply,
  };
  const counted = shared && server.page !== null && !liveviewjs;
  const counterBefore = counted ? await readCounter(server.page!, plan.sharedVisit.cookie) : null;
  const meter = new CpuMeter(server.pid, pids);
  const { result } = await client.request({ type: "run", job }, "result", (event) => {
    if (event.type === "window") meter.sample();
  });
  const cpu = meter.shares(result.windowMs);
  const counterAfter = counted ? await readCounter(server.page!, plan.sharedVisit.cookie) : null;
  const rise = counterBefore !== null && counterAfter !== null ? counterAfter - counterBefore : null;
  const lost = rise === null ? null : result.acknowledged + result.unanswered - rise;
  return {
    mode,
    connections,
    round,
    server: server.name,
    reply,
    result,
    serverCpu: cpu.server,
    otherCpu: cpu.others,
    counterBefore,
    counterAfter,
    lost,
  };
}

function describe(run: Run, plan: ThroughputPlan, serverLabel: string, labelWidth: number): string {
  const { result } = run;
  const rate = Math.round((result.roundTrips / result.windowMs) * 1000).toLocaleString("en-US");
  const extra = [
    run.lost !== null ? `lost ${run.lost}` : "",
    result.errors ? `errors ${result.errors}` : "",
    result.unanswered ? `unanswered ${result.unanswered}` : "",
    run.otherCpu !== null && run.otherCpu > OTHERS_NOTICE_SHARE
      ? `other processes ${Math.round(run.otherCpu * 100)} % cpu`
      : "",
  ]
    .filter(Boolean)
    .join(", ");
  const mode = run.mode.padEnd(Math.max(...MODES.map((m) => m.length)));
  const c = `C=${run.connections}`.padEnd(`C=${Math.max(...plan.connections)}`.length);
  const label = serverLabel.padEnd(labelWidth);
  return `  ${mode} ${c} round ${run.round}/${plan.rounds}  ${label} ${rate} rt/s  p50 ${ms(result.p50Ms)} ms  p99 ${ms(result.p99Ms)} ms${extra ? `  (${extra})` : ""}`;
}
