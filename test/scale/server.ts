// A server process for the scale tests: the fixture app's handlers and a broadcast one, on the deployment the
// environment names (REDIS_URL, DATABASE_URL, SESSION_ENGINE), isolated by TEST_PREFIX and TEST_SCHEMA. Prints
// "listening <port>".

import { createSeedApp } from "../fixtures/seed-app.ts";
import { listPresence, loadSettings, Registry, send, track } from "../../src/index.ts";
import { createDeployment } from "../../src/server/deployment.ts";

/** This test's handlers, beside the fixture's. */
const handlers = new Registry();
handlers.handler("broadcast_ping", async (consumer, content) => {
  await send(
    consumer,
    { target: "#ping", html: String(content.data.n ?? ""), ping: Number(content.data.n ?? 0) },
    { broadcast: true },
  );
});

handlers.handler("room_ping", async (consumer, content) => {
  const n = Number(content.data.n ?? 0);
  await send(consumer, { target: "#ping", html: String(n), ping: n }, { room: String(content.data.room) });
});

handlers.handler("presence_track", async (consumer, content) => {
  await track(consumer, String(content.data.topic), { name: String(content.data.name) });
});
handlers.handler("presence_list", async (consumer, content) => {
  await send(consumer, { action: "presence_list", entries: await listPresence(consumer, String(content.data.topic)) });
});

const deployment = createDeployment(loadSettings(), {
  redisPrefix: process.env.TEST_PREFIX,
  pgSchema: process.env.TEST_SCHEMA,
  lockLeaseMs: Number(process.env.TEST_LOCK_LEASE_MS) || undefined,
});
const app = await createSeedApp({ ...deployment, registry: handlers });
const server = await app.listen(Number(process.env.PORT ?? 0), "127.0.0.1");
const address = server.address();
console.log(`listening ${typeof address === "object" && address ? address.port : address}`);

// TEST_DRAIN: SIGTERM drains, as a deployed process does; otherwise it closes at once (faster for other tests).
const stop = () => (process.env.TEST_DRAIN ? app.drain() : app.close());
process.once("SIGTERM", () => void stop().finally(() => process.exit(0)));
