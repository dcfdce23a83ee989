// How the benchmark runs on this machine: Node version, CPU, cores, and whether processes are pinned to cores.

import { spawnSync } from "node:child_process";
import { availableParallelism, cpus, loadavg } from "node:os";
import { CLIENT_CORE, MIN_CORES_FOR_PINNING, SERVER_CORE } from "./constants.ts";

export interface Environment {
  node: string;
  platform: string;
  cpu: string;
  cores: number;
  /** Cores of the servers and of the load client, or null when unpinned. */
  pinning: { server: number; client: number } | null;
  /** 1-minute load average when the benchmark started: above ~0 other processes were competing for the cores. */
  loadAverage: number;
}

export function loadAverage(): number {
  return loadavg()[0] ?? 0;
}

function hasTaskset(): boolean {
  return spawnSync("taskset", ["-c", String(SERVER_CORE), "true"], { stdio: "ignore" }).status === 0;
}

export function detectEnvironment(): Environment {
  const cores = availableParallelism();
  const pin = cores >= MIN_CORES_FOR_PINNING && hasTaskset();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores,
    pinning: pin ? { server: SERVER_CORE, client: CLIENT_CORE } : null,
    loadAverage: loadAverage(),
  };
}
