// One HTTP run: C keep-alive connections, each a closed loop of GETs (send, read the whole response, send again).

import { Agent, request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { DRAIN_TIMEOUT_MS } from "../constants.ts";
import type { HttpJob, HttpResult } from "../ipc.ts";
import { Histogram } from "./histogram.ts";

export async function runHttpLoop(job: HttpJob, onWindow?: (phase: "start" | "end") => void): Promise<HttpResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const histogram = new Histogram();
  const { hostname, port, pathname } = new URL(job.url);
  let measuring = false;
  let stopping = false;
  let requests = 0;
  let errors = 0;
  let pending = 0;
  let drained = (): void => undefined;

  const get = (i: number): void => {
    const cookie = job.cookies[i % job.cookies.length]!;
    const sentAt = performance.now();
    pending++;
    const done = (ok: boolean) => {
      pending--;
      if (measuring) {
        if (ok) {
          requests++;
          histogram.record(performance.now() - sentAt);
        } else errors++;
      }
      if (!stopping) get(i);
      else if (pending === 0) drained();
    };
    const req = request({ agent, hostname, port, path: pathname, headers: cookie ? { Cookie: cookie } : {} }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => done(res.statusCode === 200));
    });
    req.on("error", () => done(false));
    req.end();
  };

  for (let i = 0; i < job.connections; i++) get(i);
  await sleep(job.warmupMs);
  onWindow?.("start");
  const start = performance.now();
  measuring = true;
  await sleep(job.durationMs);
  measuring = false;
  const windowMs = performance.now() - start;
  onWindow?.("end");
  stopping = true;
  if (pending > 0) {
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref());
    await Promise.race([new Promise<void>((resolve) => (drained = resolve)), timeout]);
  }
  agent.destroy();
  return { requests, windowMs, p50Ms: histogram.quantile(0.5), p99Ms: histogram.quantile(0.99), errors };
}
