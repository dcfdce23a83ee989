// kill -9 in the middle of a two-tab burst: a real server process on a SQLite file, two sockets of one browser
// incrementing in closed loops, the process killed mid-burst and started again on the same file. Every increment
// the browser saw acknowledged is there, and the file is intact (WAL: a commit is durable once the process's
// write returned, whatever happens to the process next).

import Database from "better-sqlite3";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { LiveClient } from "../../src/testing/index.ts";
import { sqlitePath } from "../../src/db/sqlite.ts";
import { tempDatabaseUrl } from "../helpers.ts";
import { browserSession, pageCounter, startServer } from "../scale/processes.ts";

/** Increments before the kill: long enough for hundreds, short enough for a fast test. */
const BURST_MS = 1500;
const TABS = 2;
/** Fewer would mean the loops never got going, and the test would prove little. */
const MIN_ACKNOWLEDGED = 20;
/** A burst, not a client to throttle: the per-socket message limit is out of the way. */

interface Counts {
  sent: number;
  acknowledged: number;
}

/** Increments until the socket closes; counts what it sent and what came back acknowledged without an error. */
async function incrementUntilClosed(tab: LiveClient, counts: Counts): Promise<void> {
  const closed = tab.closed().then(() => null);
  for (;;) {
    counts.sent++;
    const replies = await Promise.race([tab.call("increment_counter"), closed]);
    if (replies === null) return;
    if (!replies.some((r) => r.error !== undefined)) counts.acknowledged++;
  }
}

function integrityCheck(databaseUrl: string): unknown {
  const db = new Database(sqlitePath(databaseUrl));
  try {
    return db.pragma("integrity_check", { simple: true });
  } finally {
    db.close();
  }
}

describe.each(["NORMAL", "FULL"])("SQLITE_SYNCHRONOUS=%s", (synchronous) => {
  it("keeps every acknowledged increment when the server is killed mid-burst, and the file stays intact", async () => {
    const env = { DATABASE_URL: tempDatabaseUrl(), SQLITE_SYNCHRONOUS: synchronous };
    const first = await startServer(env);
    const browser = await browserSession(first.url);
    const tabs = await Promise.all(Array.from({ length: TABS }, () => LiveClient.connect(first.url, browser)));
    const counts: Counts = { sent: 0, acknowledged: 0 };
    const loops = tabs.map((tab) => incrementUntilClosed(tab, counts));
    await sleep(BURST_MS);
    const exited = new Promise((resolve) => first.child.once("exit", resolve));
    first.child.kill("SIGKILL");
    await exited;
    await Promise.all(loops);

    const second = await startServer(env);
    try {
      const counter = await pageCounter(second.url, browser.cookie);
      console.log(
        `kill -9 (synchronous=${synchronous}): ${counts.acknowledged} acknowledged, ${counts.sent} sent, counter ${counter} after the restart`,
      );
      expect(counts.acknowledged).toBeGreaterThan(MIN_ACKNOWLEDGED);
      expect(counter).toBeGreaterThanOrEqual(counts.acknowledged);
      expect(counter).toBeLessThanOrEqual(counts.sent);
      expect(integrityCheck(env.DATABASE_URL)).toBe("ok");
    } finally {
      await second.stop();
    }
  });
});
