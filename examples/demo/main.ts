// `npm start`: the demo on HOST:PORT (default 127.0.0.1:8000), sessions in DATABASE_URL (default SQLite).

import { createDemoApp } from "./app.ts";

const app = await createDemoApp();
await app.listen();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
