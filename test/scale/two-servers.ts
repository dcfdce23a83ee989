// Two fixture servers on one Redis and one PostgreSQL for a describe block of the scale tests, and the sockets opened
// to them: started before its tests, and after them closed, stopped and cleaned up.

import { afterAll, beforeAll } from "vitest";
import { LiveClient } from "../../src/testing/index.ts";
import { startServer, type ServerProcess } from "./processes.ts";
import { cleanUp, isolation, PG_URL, REDIS_URL } from "./services.ts";

export interface ServerPair {
  a: ServerProcess;
  b: ServerProcess;
  /** A socket to `server`, closed after the block's tests. */
  connect(server: ServerProcess, options?: Parameters<typeof LiveClient.connect>[1]): Promise<LiveClient>;
}

/** The settings both processes share, with a schema and key prefix of the test's own; `extra` adds to them. */
export function deploymentEnv(ids: ReturnType<typeof isolation>, extra: Record<string, string> = {}) {
  return {
    REDIS_URL,
    DATABASE_URL: PG_URL,
    SESSION_ENGINE: "db",
    TEST_PREFIX: ids.prefix,
    TEST_SCHEMA: ids.schema,
    ...extra,
  };
}

/** Call inside the describe block: registers its beforeAll and afterAll. */
export function twoServers(env: Record<string, string>, ids: ReturnType<typeof isolation>): ServerPair {
  const clients: LiveClient[] = [];
  const pair = {
    async connect(server: ServerProcess, options: Parameters<typeof LiveClient.connect>[1] = {}) {
      const client = await LiveClient.connect(server.url, options);
      clients.push(client);
      return client;
    },
  } as ServerPair;
  beforeAll(async () => {
    // One after the other: the fixture app creates its user on first start.
    pair.a = await startServer(env);
    pair.b = await startServer(env);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await Promise.all([pair.a?.stop(), pair.b?.stop()]);
    await cleanUp(ids);
  });
  return pair;
}
