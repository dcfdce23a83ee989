// A server process for the fencing test: `claim` writes its owner into the session; with `stall`, it first says
// "stalled" on stdout and waits for SIGCONT, so the test can stop the process (SIGSTOP) while it holds the lock.
// Deployment from the environment (REDIS_URL, DATABASE_URL, SESSION_ENGINE, TEST_*). Prints "listening <port>".

import { createApp, loadSettings, Registry } from "../../src/index.ts";
import { createDeployment } from "../../src/server/deployment.ts";
import { csrfToken } from "../../src/session/csrf.ts";

const registry = new Registry().handler("claim", async (consumer, content) => {
  consumer.scope.session.set("owner", String(content.data.who));
  if (content.data.stall) {
    const resumed = new Promise((resolve) => process.once("SIGCONT", resolve));
    console.log("stalled");
    await resumed;
  }
});

const deployment = createDeployment(loadSettings(), {
  redisPrefix: process.env.TEST_PREFIX,
  pgSchema: process.env.TEST_SCHEMA,
  lockLeaseMs: Number(process.env.TEST_LOCK_LEASE_MS) || undefined,
});
const app = createApp({ registry, ...deployment });
// A page: it creates the session and shows the token its sockets present.
app.get("/", (request) => `<p id="token">${csrfToken(request.session)}</p>`);
app.get("/owner", (request) => `<p id="owner">${String(request.session.get("owner", ""))}</p>`);
const server = await app.listen(0, "127.0.0.1");
const address = server.address();
console.log(`listening ${typeof address === "object" && address ? address.port : address}`);

process.once("SIGTERM", () => void app.close().finally(() => process.exit(0)));
