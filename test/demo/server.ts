// The demo as a server process, for tests that kill and restart it: DATABASE_URL and PORT from the environment.
// Prints "listening <port>".

import { createDemoApp } from "../../examples/demo/app.ts";

const app = await createDemoApp();
const server = await app.listen(Number(process.env.PORT ?? 0), "127.0.0.1");
const address = server.address();
console.log(`listening ${typeof address === "object" && address ? address.port : address}`);

process.once("SIGTERM", () => void app.close().finally(() => process.exit(0)));
