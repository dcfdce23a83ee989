// `npm start`: the demo on HOST:PORT (default 127.0.0.1:8000), sessions in DATABASE_URL (default SQLite).

import { createDemoApp } from "./app.ts";

const app = await createDemoApp();
const server = await app.listen();
const address = server.address();
const where = typeof address === "object" && address ? `http://${address.address}:${address.port}` : String(address);
console.log(`LiveView demo on ${where} (sessions: ${app.settings.SESSION_ENGINE}, database: ${app.settings.DATABASE_URL})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
