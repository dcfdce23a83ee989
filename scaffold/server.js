// `npm start`: serves the app on HOST:PORT (127.0.0.1:8000 unless the environment says otherwise).

import { makeApp } from "./app.js";

const app = makeApp();
await app.listen();
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => void app.close().then(() => process.exit(0)));
