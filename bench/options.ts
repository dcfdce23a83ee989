// The command line of `npm run bench`: durations, rounds, connection counts, and another server to drive.

import { parseArgs } from "node:util";
import {
  DEFAULT_CONNECTIONS,
  DEFAULT_DURATION_MS,
  DEFAULT_ROUNDS,
  DEFAULT_WARMUP_MS,
  QUICK_DURATION_MS,
  QUICK_ROUNDS,
  QUICK_WARMUP_MS,
  STORM_PAGES,
  STORM_PAUSE_MS,
} from "./constants.ts";

export interface Options {
  durationMs: number;
  warmupMs: number;
  rounds: number;
  connections: number[];
  skipMemory: boolean;
  /** Skip the HTTP figure (GET /counter against a bare node:http server). */
  skipHttp: boolean;
  /** Skip LiveViewJS, the TypeScript peer measured in the per-session runs. */
  skipLiveViewJs: boolean;
  /** Another server speaking the protocol, benchmarked instead of ours. */
  peer: { url: string; page: string; pid: number | null } | null;
  /** Write a CPU profile of our server (Node's --cpu-prof) next to the results. */
  cpuProfile: boolean;
  /** Also measure a reconnect storm: our server killed under open pages and restarted (see reconnect/storm.ts). */
  reconnect: boolean;
}

export const USAGE = `npm run bench -- [options]
  --duration S         measured seconds per run (default ${DEFAULT_DURATION_MS / 1000})
  --warmup S           warm-up seconds before each run (default ${DEFAULT_WARMUP_MS / 1000})
  --rounds N           echo/ours alternations per configuration (default ${DEFAULT_ROUNDS})
  --connections LIST   sockets per run, e.g. 1,50,500 (default ${DEFAULT_CONNECTIONS.join(",")})
  --quick              a smoke run: ${QUICK_DURATION_MS / 1000} s runs, ${QUICK_ROUNDS} round
  --skip-memory        skip the idle-memory measurement
  --skip-liveviewjs    skip LiveViewJS 0.8.1, the peer measured in the per-session runs and for memory
  --skip-http          skip the HTTP figure (GET /counter with a session against a bare node:http server)
  --url URL --page URL benchmark another server instead of ours: its socket URL ({room} or a fixed room) and
                       a page that sets its session cookie and shows "Counter: <strong>N</strong>"
  --pid PID            with --url: that server's process id, to read its RSS for the memory measurement
  --cpu-prof           profile our server during the throughput runs (written under bench/results/)
  --reconnect          also measure a reconnect storm: ${STORM_PAGES.toLocaleString("en-US")} pages on our server, killed and restarted
                       after ${STORM_PAUSE_MS / 1000} s: when each page comes back`;

function positive(name: string, raw: string | undefined, fallback: number, scale = 1): number {
  if (raw === undefined) return fallback;
  const value = Number(raw) * scale;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} ${raw}: expected a positive number`);
  return value;
}

export function parseOptions(argv: string[]): Options | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: "string" },
      warmup: { type: "string" },
      rounds: { type: "string" },
      connections: { type: "string" },
      quick: { type: "boolean", default: false },
      "skip-memory": { type: "boolean", default: false },
      "skip-http": { type: "boolean", default: false },
      "skip-liveviewjs": { type: "boolean", default: false },
      url: { type: "string" },
      page: { type: "string" },
      pid: { type: "string" },
      "cpu-prof": { type: "boolean", default: false },
      reconnect: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return "help";
  if (Boolean(values.url) !== Boolean(values.page)) throw new Error("--url and --page go together");
  const quick = values.quick;
  const connections =
    values.connections === undefined
      ? DEFAULT_CONNECTIONS
      : values.connections.split(",").map((c) => Math.round(positive("connections", c.trim(), 0)));
  return {
    durationMs: positive("duration", values.duration, quick ? QUICK_DURATION_MS : DEFAULT_DURATION_MS, 1000),
    warmupMs:
      values.warmup === "0" ? 0 : positive("warmup", values.warmup, quick ? QUICK_WARMUP_MS : DEFAULT_WARMUP_MS, 1000),
    rounds: Math.round(positive("rounds", values.rounds, quick ? QUICK_ROUNDS : DEFAULT_ROUNDS)),
    connections,
    skipMemory: values["skip-memory"],
    skipHttp: values["skip-http"],
    skipLiveViewJs: values["skip-liveviewjs"],
    peer:
      values.url && values.page
        ? { url: values.url, page: values.page, pid: values.pid ? Math.round(positive("pid", values.pid, 0)) : null }
        : null,
    cpuProfile: values["cpu-prof"],
    reconnect: values.reconnect,
  };
}
