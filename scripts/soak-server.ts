// The server of the soak run (scripts/soak.ts): one process on SQLite with handlers that count, fail, broadcast, sign
// in and out, and /stats, what the run samples: memory after a collection, open descriptors, timers, sockets.
// Run with --expose-gc so that the heap is measured after a full collection. Prints "listening <port>".

import { createHook } from "node:async_hooks";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, json, login, logout, Registry, send } from "../src/index.ts";
import { csrfToken } from "../src/session/csrf.ts";
import { unlimitedEvents } from "../src/testing/index.ts";

// Every timer alive, unref'd ones included (process.getActiveResourcesInfo lists only those holding the loop open).
const timers = new Set<number>();
createHook({
  init: (id, type) => void (type === "Timeout" && timers.add(id)),
  destroy: (id) => void timers.delete(id),
}).enable();

const registry = new Registry()
  .handler("increment", async (consumer) => {
    const session = consumer.scope.session;
    session.set("counter", (session.get("counter", 0) as number) + 1);
  })
  .handler("fail", () => {
    throw new Error("a handler that fails, on purpose");
  })
  .handler("shout", async (consumer) => {
    await send(consumer, { shout: Date.now() }, { broadcast: true });
  })
  .handler("sign_in", async (consumer) => {
    const user = await consumer.runtime.users.getByUsername("soak");
    if (user) await login(consumer.scope, user);
  })
  .handler("sign_out", async (consumer) => {
    await logout(consumer.scope);
  });

const database = "sqlite:" + join(mkdtempSync(join(tmpdir(), "liveview-soak-")), "db.sqlite3");
const app = createApp({
  registry,
  logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  settings: { DATABASE_URL: database, ...unlimitedEvents },
});
await app.users.create("soak", "soak-password-not-secret");
app.get("/", (request) => `<p id="token">${csrfToken(request.session)}</p>`);
app.get("/stats", () => {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  return json({
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    descriptors: readdirSync("/proc/self/fd").length,
    timers: timers.size,
    sockets: app.live.consumers.size,
  });
});
const server = await app.listen(0, "127.0.0.1");
const address = server.address();
console.log(`listening ${typeof address === "object" && address ? address.port : address}`);
process.once("SIGTERM", () => void app.close().finally(() => process.exit(0)));
