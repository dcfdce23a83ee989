// One load run: C sockets, each a closed loop (send, await the reply, send again), timed after a warm-up.

import { setTimeout as sleep } from "node:timers/promises";
import { CLOSE_TIMEOUT_MS, DRAIN_TIMEOUT_MS } from "../constants.ts";
import type { LoadJob, LoadResult } from "../ipc.ts";
import { closeSockets, newRoom, openSockets } from "./connect.ts";
import { Histogram } from "./histogram.ts";
import { isError, isReply, messageFor } from "./message.ts";

const TEXT_FRAME = { binary: false };

export async function runClosedLoop(job: LoadJob, onWindow?: (phase: "start" | "end") => void): Promise<LoadResult> {
  const rooms = Array.from({ length: job.connections }, newRoom);
  const visits = job.visits.slice(0, job.connections);
  const messages = rooms.map((room, i) => messageFor(room, job.reply, visits[i]));
  const sockets = await openSockets({ url: job.url, origin: job.origin, visits }, rooms);

  const sentAt = new Float64Array(sockets.length);
  const inFlight = new Uint8Array(sockets.length);
  const failed = new Uint8Array(sockets.length);
  const histogram = new Histogram();
  let measuring = false;
  let stopping = false;
  let finished = false;
  let pending = 0;
  let roundTrips = 0;
  let acknowledged = 0;
  let errors = 0;
  let otherMessages = 0;
  let unanswered = 0;
  let drained = (): void => undefined;

  const send = (i: number): void => {
    sentAt[i] = performance.now();
    inFlight[i] = 1;
    pending++;
    sockets[i]!.send(messages[i]!, TEXT_FRAME);
  };
  const answered = (i: number): void => {
    inFlight[i] = 0;
    pending--;
    if (!stopping) send(i);
    else if (pending === 0) drained();
  };

  sockets.forEach((ws, i) => {
    ws.on("message", (data: Buffer) => {
      if (inFlight[i] === 1 && isError(data)) failed[i] = 1;
      if (inFlight[i] === 0 || !isReply(data, job.reply)) {
        otherMessages++;
        return;
      }
      if (failed[i] === 1) {
        errors++;
        failed[i] = 0;
      } else acknowledged++;
      if (measuring) {
        roundTrips++;
        histogram.record(performance.now() - sentAt[i]!);
      }
      answered(i);
    });
    ws.on("close", () => {
      if (finished || inFlight[i] === 0) return;
      unanswered++;
      inFlight[i] = 0;
      pending--;
      if (stopping && pending === 0) drained();
    });
  });

  for (let i = 0; i < sockets.length; i++) send(i);
  await sleep(job.warmupMs);
  onWindow?.("start");
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  measuring = true;
  await sleep(job.durationMs);
  measuring = false;
  const windowMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  onWindow?.("end");

  stopping = true;
  if (pending > 0) {
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref());
    await Promise.race([new Promise<void>((resolve) => (drained = resolve)), timeout]);
  }
  unanswered += pending;
  finished = true;
  await closeSockets(sockets, CLOSE_TIMEOUT_MS);

  return {
    roundTrips,
    windowMs,
    p50Ms: histogram.quantile(0.5),
    p99Ms: histogram.quantile(0.99),
    maxMs: histogram.max(),
    acknowledged,
    errors,
    unanswered,
    otherMessages,
    clientCpu: (cpu.user + cpu.system) / 1000 / windowMs,
    histogram: histogram.toArray(),
  };
}
