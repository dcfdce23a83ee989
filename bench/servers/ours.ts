// Our server: the demo app (the seed's counter handler) on the SQLite file the parent names, reporting to the parent.

import type { AddressInfo } from "node:net";
import { createDemoApp } from "../../examples/demo/app.ts";
import { unlimitedEvents } from "liveview-node/testing";
import { serveParent } from "./stats.ts";

const host = process.env.BENCH_HOST ?? "127.0.0.1";
const databaseUrl = process.env.BENCH_SQLITE_URL;
if (!databaseUrl) throw new Error("BENCH_SQLITE_URL is not set: this script is a child of the benchmark (`npm run bench`)");
// Every GET saves its session (as SESSION_SAVE_EVERY_REQUEST does): the HTTP figure measures a page rendered and saved.
const app = await createDemoApp({ settings: { DATABASE_URL: databaseUrl, SESSION_SAVE_EVERY_REQUEST: true, ...unlimitedEvents } });
const server = await app.listen(0, host);

let stopping: Promise<void> | null = null;
serveParent((server.address() as AddressInfo).port, () => (stopping ??= app.close()));
