// SQLite that cannot be written: another program holds the write lock (as a backup, a migration or an open sqlite3
// shell would). While it does, handlers and pages that write fail closed, at once, with store_unavailable (a 503
// for pages); pages that only read still work (WAL). Once the lock is let go the server carries on by itself, and
// the counter is exact: every acknowledged increment is there, no failed one is.

import { expect, it } from "vitest";
import { type JsonObject } from "../../src/index.ts";
import { unlimitedEvents, type TestClient } from "../../src/testing/index.ts";
import { SQLITE_BUSY_TIMEOUT_MS } from "../../src/constants.ts";
import { sqlitePath } from "../../src/db/sqlite.ts";
import { addBumpPage, seedForFile, type Running } from "../helpers.ts";
import { incrementThroughOutage } from "../scale/outage.ts";
import { holdWriteLock, type WriteLock } from "./write-lock.ts";

const TABS = 2;
/** Increments in closed loops, not a client to throttle: the per-socket message limit is out of the way. */
const seed = seedForFile({ settings: unlimitedEvents }, (d) => addBumpPage(d.app));
/** What a handler's caller sees while the lock is held (the log names the file and the lock; the client need not). */
const LOCKED_REPLY =
  /^Handler error: the server cannot reach its storage right now, so nothing was changed; try again in a moment \(id \w+\)$/;
/**
 * Only the first write of the outage waits for the lock (and a call queued behind it); the rest fail at once. A call
 * that waited took the whole busy timeout at least; one that failed at once would need the machine to stall that
 * long to look the same.
 */
const FAST_FAILURE_MS = SQLITE_BUSY_TIMEOUT_MS;
/** Failed calls to see while the lock is held: past the first ones (which wait), those that fail at once. */
const FAILURES_WHILE_LOCKED = TABS * 4;

/** What pages answer while the lock is held: to `browser`, and to a first-time visitor. */
async function pagesWhileLocked(running: Running, browser: TestClient) {
  const write = await browser.get("/bump");
  const read = await browser.get("/counter");
  const newcomer = await running.client().get("/counter"); // a first visit must store a session
  return { write, read, newcomer };
}

it("fails closed while another program holds the write lock, recovers by itself, and loses nothing", async () => {
  const browser = seed.client();
  await browser.get("/counter");
  const tabs = await Promise.all(Array.from({ length: TABS }, () => seed.live(browser)));
  let lock: WriteLock | undefined;
  let pages: Awaited<ReturnType<typeof pagesWhileLocked>> | undefined;
  let reply: JsonObject | undefined;
  const service = {
    stop: async () => (lock = await holdWriteLock(sqlitePath(seed.app.settings.DATABASE_URL))),
    start: async () => {
      pages = await pagesWhileLocked(seed, browser);
      reply = (await tabs[0]!.call("increment_counter")).find((r) => r.error !== undefined);
      await lock!.release();
    },
  };
  // Each phase lasts until what it is for has happened, however slow the machine: calls acknowledged before the lock,
  // calls failed while it is held, calls acknowledged after.
  const { outcomes, acked, failed, downAt, upAt } = await incrementThroughOutage(tabs, service, {
    before: (o) => o.filter((x) => x.ok).length >= TABS,
    down: (o) => o.filter((x) => !x.ok).length >= FAILURES_WHILE_LOCKED,
    after: (o, { upAt }) => o.filter((x) => x.ok && x.startedAt > upAt).length >= TABS,
  });
  const slow = failed.filter((f) => f.ms >= FAST_FAILURE_MS);
  console.log(
    `SQLite write lock held ${upAt - downAt} ms: ${acked} acknowledged, ${failed.length} failed (${slow.length} slower than ${FAST_FAILURE_MS} ms), slowest call ${Math.max(...outcomes.map((o) => o.ms))} ms`,
  );

  expect(outcomes.filter((o) => o.ok && o.startedAt < downAt).length).toBeGreaterThan(0);
  expect(failed.length).toBeGreaterThan(TABS);
  for (const f of failed) expect(f.error).toMatch(LOCKED_REPLY);
  expect(reply).toMatchObject({ code: "store_unavailable", function: "increment_counter" });
  expect(slow.length).toBeLessThanOrEqual(TABS);
  expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(SQLITE_BUSY_TIMEOUT_MS + 1000); // no hang
  expect(outcomes.filter((o) => o.ok && o.startedAt > upAt).length).toBeGreaterThan(0);

  // Pages that write fail closed with a 503 that says so, and hand out no cookie; pages that only read still work.
  const { write, read, newcomer } = pages!;
  for (const response of [write, newcomer]) {
    expect(response.status).toBe(503);
    expect(response.text).toMatch(/^Service unavailable: the server cannot reach its storage right now/);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(response.headers.getSetCookie()).toEqual([]);
  }
  expect(read.status).toBe(200);

  // Exact: every acknowledged increment is stored and no failed one is (a locked write writes nothing).
  expect((await browser.session())?.counter).toBe(acked);
});
