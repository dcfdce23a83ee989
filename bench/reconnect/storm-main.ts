// One reconnect storm in a process of its own, its result printed as JSON on stdout: for the tests, whose runner
// would otherwise host the 1,000 pages in a worker whose pauses make their timers late (and bunch them).
// Usage: node --import tsx bench/reconnect/storm-main.ts <DATABASE_URL> <pages> <pause ms> <timeout ms>

import { loadClientPage } from "./client-page.ts";
import { reconnectStorm } from "./storm.ts";

const [databaseUrl, pages, pauseMs, timeoutMs] = process.argv.slice(2);
if (!databaseUrl || !pages || !pauseMs || !timeoutMs)
  throw new Error("usage: storm-main.ts <DATABASE_URL> <pages> <pause ms> <timeout ms>");
const result = await reconnectStorm({
  databaseUrl,
  sockets: Number(pages),
  pauseMs: Number(pauseMs),
  timeoutMs: Number(timeoutMs),
  load: loadClientPage,
});
process.stdout.write(JSON.stringify(result) + "\n");
// The pages' modules keep nothing open, but their last timers would hold the process a few seconds more.
process.exit(0);
