// `npm run cluster`: the demo in WORKERS processes (default: one per CPU) sharing one port through node:cluster.
// `kill -HUP <primary>` restarts them one at a time (a rolling restart): a new worker first, then the old one drains.

import cluster, { type Worker } from "node:cluster";
import { once } from "node:events";
import { availableParallelism } from "node:os";
import { loadSettings } from "liveview-node";

const RESPAWN_DELAY_MS = 1000;

if (cluster.isPrimary) {
  const settings = loadSettings();
  const count = Number(process.env.WORKERS || availableParallelism());
  const why = count > 1 ? reasonNotToShare(settings) : null;
  if (!Number.isInteger(count) || count < 1) {
    console.error(`cluster: WORKERS=${process.env.WORKERS} is not a positive integer`);
    process.exit(1);
  }
  if (why) {
    console.error(`cluster: ${count} workers cannot share sessions: ${why}`);
    process.exit(1);
  }
  if (count > 1 && !settings.REDIS_URL) {
    console.warn(
      "cluster: without REDIS_URL, broadcasts and other tabs' updates only reach sockets of the same worker",
    );
  }
  let stopping = false;
  const listening = new WeakSet<Worker>();
  /** Workers being replaced by a rolling restart: their exit is expected. */
  const retiring = new WeakSet<Worker>();
  const fork = async (): Promise<void> => {
    const worker = cluster.fork();
    await once(worker, "listening");
    listening.add(worker);
  };
  cluster.on("exit", (worker, code, signal) => {
    if (stopping || retiring.has(worker)) return;
    if (!listening.has(worker)) {
      // It failed before listening (a setting, a port in use, a service down): restarting would only fail again.
      console.error(`cluster: a worker failed to start (${signal ?? code}); stopping`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exitCode = 1;
      return;
    }
    console.error(`cluster: worker ${worker.process.pid} stopped (${signal ?? code}); starting another`);
    setTimeout(() => void fork(), RESPAWN_DELAY_MS);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      for (const worker of workers) worker.process.kill("SIGTERM");
      void Promise.all(workers.map((w) => (w.isDead() ? null : once(w, "exit")))).then(() => process.exit(0));
    });
  }
  let restarting = false;
  process.on("SIGHUP", () => {
    if (restarting || stopping) return;
    restarting = true;
    void rollingRestart().finally(() => (restarting = false));
  });
  /** Each old worker in turn: a new one listens first, then the old one drains (SIGTERM) and exits. */
  const rollingRestart = async (): Promise<void> => {
    const old = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    console.log(`cluster: rolling restart of ${old.length} workers`);
    for (const worker of old) {
      if (stopping) return;
      await fork();
      retiring.add(worker);
      const exited = once(worker, "exit");
      worker.process.kill("SIGTERM");
      await exited;
      console.log(`cluster: worker ${worker.process.pid} drained and replaced`);
    }
  };
  // One after another: the first worker creates the tables and the demo account.
  for (let i = 0; i < count; i++) await fork();
  console.log(
    `cluster: ${count} workers, primary pid ${process.pid} (SIGHUP: rolling restart) (sessions: ${settings.SESSION_ENGINE}, database: ${settings.DATABASE_URL}, redis: ${settings.REDIS_URL ?? "none"})`,
  );
} else {
  await import("./main.ts");
}

/** Why workers would not see one another's sessions or locks with these settings (null when they do). */
function reasonNotToShare(settings: ReturnType<typeof loadSettings>): string | null {
  if (settings.REDIS_URL) return null;
  if (settings.SESSION_ENGINE === "cache")
    return "the cache engine without REDIS_URL keeps sessions in each worker's memory; set REDIS_URL";
  if (settings.SESSION_ENGINE === "cached_db")
    return "cached_db without REDIS_URL keeps a cache in each worker that the others cannot invalidate; set REDIS_URL";
  if (settings.DATABASE_URL.startsWith("sqlite:"))
    return "with SQLite and no REDIS_URL the session lock is per process; set REDIS_URL (or use PostgreSQL)";
  return null;
}
