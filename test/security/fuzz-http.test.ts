// Fuzzing HTTP over real sockets: random paths, escapes, methods, headers, cookies and bodies are answered below
// 500 (or, for a refused upgrade, closed), the server logs no error of its own, and it goes on serving.

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, Registry, type Logger } from "../../src/index.ts";
import { serve, tempDatabaseUrl, type Running } from "../helpers.ts";
import { request } from "./fuzz/requests.ts";
import { FUZZ_TIMEOUT_MS, HTTP_REQUESTS, SEED } from "./fuzz/scale.ts";
import { rawRequest } from "./raw-http.ts";

/** Requests in flight at once. */
const CONCURRENCY = 8;
const HTTP_OK = 200;
const HTTP_SERVER_ERROR = 500;

const errors: string[] = [];
const logger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: (message, ...details) => errors.push(`${message} ${details.map(String).join(" ")}`),
};
let running: Running;
let port: number;

beforeAll(async () => {
  const app = createApp({ registry: new Registry(), logger, settings: { DATABASE_URL: tempDatabaseUrl() } });
  app.get("/", () => "<p>home</p>");
  app.get("/items/:id", (_request, params) => `item ${params.id!.length}`);
  app.post("/echo", (r) => `fields ${Object.keys(r.body).length}`, { csrfExempt: true });
  app.post("/form", (r) => (r.session.set("last", r.body as never), "saved"));
  running = await serve(app);
  port = Number(new URL(running.baseUrl).port);
});
afterAll(() => running?.close());

describe("fuzzed HTTP requests", () => {
  it(`answers ${HTTP_REQUESTS} random requests below 500 and logs no error`, { timeout: FUZZ_TIMEOUT_MS }, async () => {
    const statuses = new Map<number, number>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: CONCURRENCY, maxLength: CONCURRENCY }), async (makers) => {
        const answers = await Promise.all(makers.map((make) => rawRequest(port, make(port))));
        for (const answer of answers) {
          sent++;
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          // 0: a refused upgrade or a request that is not ours to answer, closed without a word.
          expect(
            answer.status === 0 ? answer.closed : answer.status >= HTTP_OK && answer.status < HTTP_SERVER_ERROR,
            `${answer.status} ${answer.body}`,
          ).toBe(true);
        }
      }),
      { numRuns: Math.ceil(HTTP_REQUESTS / CONCURRENCY), seed: SEED, endOnFailure: true },
    );
    console.info(
      `fuzz-http: ${sent} requests (seed ${SEED}); answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(errors).toEqual([]);
    expect((await running.client().get("/")).status).toBe(HTTP_OK);
  });
});
