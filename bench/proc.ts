// Reads a process's CPU time and resident set from /proc (Linux) without asking it: a busy server answers late.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import {
  DEFAULT_CLOCK_TICKS,
  IDLE_CPU_SHARE,
  IDLE_SAMPLE_MS,
  IDLE_TIMEOUT_MS,
  PROC_STAT_BUSY_FIELDS,
  PROC_STIME_FIELD,
  PROC_UTIME_FIELD,
} from "./constants.ts";

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const out = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout;
    ticksPerSecond = Number(out?.trim()) || DEFAULT_CLOCK_TICKS;
  }
  return ticksPerSecond;
}

export function canReadProc(pid: number): boolean {
  return existsSync(`/proc/${pid}/stat`);
}

/** User plus system CPU time of `pid`, in microseconds (resolution: one clock tick, usually 10 ms). */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[PROC_UTIME_FIELD]) + Number(fields[PROC_STIME_FIELD]);
  return (ticks / clockTicks()) * 1000 * 1000;
}

/** CPU time the whole machine spent busy (user, nice, system, irq, softirq, steal), all cores, in microseconds. */
export function machineBusyMicros(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const ticks = PROC_STAT_BUSY_FIELDS.reduce((sum, i) => sum + (fields[i] ?? 0), 0);
  return (ticks / clockTicks()) * 1000 * 1000;
}

export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

/** Waits until every process in `pids` is idle (see IDLE_CPU_SHARE); resolves with the time it took, in ms. */
export async function waitForIdle(pids: number[]): Promise<number> {
  const start = performance.now();
  const readable = pids.filter(canReadProc);
  while (readable.length > 0 && performance.now() - start < IDLE_TIMEOUT_MS) {
    const before = readable.map(cpuMicros);
    await sleep(IDLE_SAMPLE_MS);
    const busiest = Math.max(...readable.map((pid, i) => cpuMicros(pid) - before[i]!));
    if (busiest / 1000 / IDLE_SAMPLE_MS <= IDLE_CPU_SHARE) break;
  }
  return performance.now() - start;
}
