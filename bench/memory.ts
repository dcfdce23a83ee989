// Idle memory per open socket: a fresh server's RSS and V8 heap (after GC) before and after N idle sockets.

import { setTimeout as sleep } from "node:timers/promises";
import type { Child } from "./children.ts";
import { MEMORY_SETTLE_MS } from "./constants.ts";
import type { Visit } from "./http-session.ts";
import type { ProcessStats } from "./ipc.ts";
import { cpuMicros, rssBytes, waitForIdle } from "./proc.ts";
import type { BenchServer } from "./servers.ts";

export interface MemoryResult {
  server: BenchServer["name"];
  sockets: number;
  before: ProcessStats;
  after: ProcessStats;
  rssPerSocket: number;
  /** Null when the server is not ours to ask (a peer: RSS only, read from /proc). */
  heapPerSocket: number | null;
}

/** Ours to ask: memory after GC. Another process: only what /proc shows, its resident set. */
async function stats(server: BenchServer): Promise<ProcessStats> {
  if (server.child) return (await server.child.request({ type: "stats", gc: true }, "stats")).stats;
  if (server.pid !== null)
    return { rss: rssBytes(server.pid), heapUsed: NaN, external: NaN, cpuMicros: cpuMicros(server.pid), gc: false };
  throw new Error(`no way to read the memory of ${server.label}: pass --pid`);
}

/**
 * One socket per visit. Each carries its own session, as a browser tab would; the sessions were made (by page GETs)
 * before this process started, on its database, so that neither they nor the garbage of making them is counted.
 */
export async function measureMemory(server: BenchServer, client: Child, visits: Visit[]): Promise<MemoryResult> {
  const before = await stats(server);
  const opened = await client.request(
    { type: "open", job: { url: server.url, origin: server.origin, visits } },
    "opened",
  );
  await sleep(MEMORY_SETTLE_MS);
  if (server.pid !== null) await waitForIdle([server.pid]);
  const after = await stats(server);
  await client.request({ type: "close" }, "closed");
  return {
    server: server.name,
    sockets: opened.count,
    before,
    after,
    rssPerSocket: (after.rss - before.rss) / opened.count,
    heapPerSocket: server.child ? (after.heapUsed - before.heapUsed) / opened.count : null,
  };
}
