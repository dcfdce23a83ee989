// Our server: the seed's counter (counter-app.ts) on the SQLite file the parent names, reporting to the parent.

import type { AddressInfo } from "node:net";
import { unlimitedEvents } from "liveview-node/testing";
import { createCounterApp } from "./counter-app.ts";
import { serveParent } from "./stats.ts";

const host = process.env.BENCH_HOST ?? "127.0.0.1";
const databaseUrl = process.env.BENCH_SQLITE_URL;
if (!databaseUrl)
  throw new Error("BENCH_SQLITE_URL is not set: this script is a child of the benchmark (`npm run bench`)");
// Every GET saves its session (as SESSION_SAVE_EVERY_REQUEST does): the HTTP figure measures a page rendered and saved.
const app = createCounterApp({
  settings: { DATABASE_URL: databaseUrl, SESSION_SAVE_EVERY_REQUEST: true, ...unlimitedEvents },
});
const server = await app.listen(0, host);

let stopping: Promise<void> | null = null;
serveParent((server.address() as AddressInfo).port, () => (stopping ??= app.close()));
