// A server child's side of the IPC channel: reports its memory and CPU on request, stops when told.

import { GC_PASSES } from "../constants.ts";
import type { FromChild, ProcessStats, ToChild } from "../ipc.ts";

const gc = (globalThis as { gc?: () => void }).gc;

export function processStats(collect: boolean): ProcessStats {
  if (collect && gc) for (let i = 0; i < GC_PASSES; i++) gc();
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    external: memory.external,
    cpuMicros: cpu.user + cpu.system,
    gc: collect && gc !== undefined,
  };
}

function reply(message: FromChild): void {
  process.send?.(message);
}

/** Announces the port, then answers the parent until it says stop (or goes away). */
export function serveParent(port: number, stop: () => Promise<void>): void {
  if (!process.send) throw new Error("this script is a child of the benchmark: run `npm run bench`");
  process.on("message", (message: ToChild) => {
    if (message.type === "stats") reply({ type: "stats", id: message.id, stats: processStats(message.gc) });
    if (message.type === "stop") {
      void stop().finally(() => {
        reply({ type: "stopped", id: message.id });
        process.disconnect();
      });
    }
  });
  process.on("disconnect", () => void stop().finally(() => process.exit(0)));
  reply({ type: "ready", port });
}
