// `npm start`: serves the app on HOST:PORT (127.0.0.1:8000 unless the environment says otherwise).

import { makeApp } from "./app.js";

const app = makeApp();
await app.listen();
// A deploy's SIGTERM drains: sockets move to the other processes, running handlers finish. Ctrl-C stops at once.
process.once("SIGTERM", () => void app.drain().then(() => process.exit(0)));
process.once("SIGINT", () => void app.close().then(() => process.exit(0)));
