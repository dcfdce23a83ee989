// `npm start`: the demo on HOST:PORT (default 127.0.0.1:8000), sessions in DATABASE_URL (default SQLite).

import { createDemoApp } from "./app.ts";

const app = await createDemoApp();
await app.listen();

// SIGTERM (a deploy): drain, so the sockets move to the other processes without losing anything. Ctrl-C: at once.
process.once("SIGTERM", () => void app.drain().then(() => process.exit(0)));
process.once("SIGINT", () => void app.close().then(() => process.exit(0)));
