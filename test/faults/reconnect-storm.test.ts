// A server restart under 1,000 open pages, with the real client code (one module instance per page, in a process
// of their own) and a real server process: killed, and a new one listening on the same port a second later. Every
// page comes back, once. How the pages spread their returns over time (at most half within any one second, all
// within the backoff's bound) is asserted exactly on virtual time, with the same client code
// (reconnect-spread.test.ts); here it is only measured and printed: on a busy machine, real timers fire late and in
// step, so a real-time figure says more about the machine than about the backoff.

import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { reconnectReport } from "../../bench/reconnect/section.ts";
import type { StormResult } from "../../bench/reconnect/storm.ts";
import { tempDatabaseUrl } from "../helpers.ts";

const PAGES = 1000;
/** A restart as a deploy does it: the old process gone, the new one listening about a second later. */
const PAUSE_MS = 1000;
/** Only against a hang: the pages must be open (at first, and again after the restart) before this. */
const OPEN_GUARD_MS = 60_000;
const STORM = join(dirname(fileURLToPath(import.meta.url)), "../../bench/reconnect/storm-main.ts");

async function storm(): Promise<StormResult> {
  const args = [
    "--conditions=source",
    "--import",
    "tsx",
    STORM,
    tempDatabaseUrl(),
    String(PAGES),
    String(PAUSE_MS),
    String(OPEN_GUARD_MS),
  ];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as StormResult;
}

it(
  `brings ${PAGES} pages back after a server restart, each once`,
  async () => {
    const result = await storm();
    console.log(reconnectReport(result));
    expect(result.spread.count).toBe(PAGES); // every page back, and none twice
  },
  3 * OPEN_GUARD_MS,
);
