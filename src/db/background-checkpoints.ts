// WAL checkpoints off the event loop. In WAL mode a commit appends pages to the log, and once the log holds 1,000
// pages the commit that crossed the mark copies them into the database file and syncs both files, which stalls the
// event loop for milliseconds (about 7 ms on a virtual disk under load). Here a worker thread with a connection of
// its own copies and syncs the log a little at a time while the process commits; the commit that crosses the mark
// then finds the work done, and only restarts the log. SQLite's own checkpoint stays in place as the guard: a
// checkpoint that runs beside writers never lets the log start over by itself.

import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { CHECKPOINT_COMMITS, CHECKPOINT_PAUSE_MS } from "../constants.ts";
import type { SqliteDatabase } from "./sqlite.ts";

/**
 * The worker: a CommonJS script (what `eval` runs), passed the driver's resolved path so that it loads the same
 * better-sqlite3 as this module wherever the app installed it. A failed checkpoint is only work left for the
 * guard: a locked file, a full disk and the like are the main connection's to report.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 0");
db.pragma("wal_autocheckpoint = 0");
parentPort.on("message", (synchronous) => {
  try {
    db.pragma("synchronous = " + Number(synchronous));
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {}
  setTimeout(() => parentPort.postMessage(null), workerData.pause);
});
`;

export class BackgroundCheckpoints {
  private worker: Worker | null = null;
  private commits = 0;
  /** A checkpoint was asked for and the worker has not answered yet (it answers a pause after finishing). */
  private asked = false;
  private failed = false;

  /** For a database file in WAL mode; null for one in memory or with another journal (nothing to checkpoint). */
  static for(db: SqliteDatabase): BackgroundCheckpoints | null {
    if (db.memory || db.pragma("journal_mode", { simple: true }) !== "wal") return null;
    return new BackgroundCheckpoints(db);
  }

  private constructor(private readonly db: SqliteDatabase) {}

  /**
   * Called after each commit on the connection. Every CHECKPOINT_COMMITS commits, and no sooner than
   * CHECKPOINT_PAUSE_MS after the last checkpoint ended, the worker copies the log; a process that commits
   * less than that never starts one.
   */
  committed(): void {
    if (++this.commits < CHECKPOINT_COMMITS || this.asked || this.failed) return;
    this.commits = 0;
    this.asked = true;
    // The connection's durability setting, read now: the app may set it after the file was opened.
    (this.worker ??= this.start()).postMessage(this.db.pragma("synchronous", { simple: true }));
  }

  private start(): Worker {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, path: this.db.name, pause: CHECKPOINT_PAUSE_MS },
    });
    worker.on("message", () => (this.asked = false));
    // A worker that cannot run (no threads, the file gone) leaves checkpoints to SQLite, as without it.
    worker.on("error", () => (this.failed = true));
    worker.unref();
    return worker;
  }
}
