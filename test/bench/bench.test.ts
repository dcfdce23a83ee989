// The benchmark's machinery, without timing anything: servers start, the load client runs, no update is lost.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Child } from "../../bench/children.ts";
import { freshDatabase } from "../../bench/database.ts";
import { detectEnvironment } from "../../bench/environment.ts";
import { fetchVisit, readCounter } from "../../bench/http-session.ts";
import { Histogram } from "../../bench/load/histogram.ts";
import { newRoom, openSocket } from "../../bench/load/connect.ts";
import { isReply, messageFor } from "../../bench/load/message.ts";
import { probeReplyMode } from "../../bench/probe.ts";
import { startEcho, startOurs, stopServer, type BenchServer } from "../../bench/servers.ts";

const SOCKETS = 5;
const DURATION_MS = 1_000;
const WARMUP_MS = 100;

const env = { ...detectEnvironment(), pinning: null };
const database = freshDatabase();
let echo: BenchServer;
let ours: BenchServer;
let client: Child;

beforeAll(async () => {
  [echo, ours, client] = await Promise.all([
    startEcho(env),
    startOurs(env, database.url),
    Child.start({ script: "load/client.ts", core: null }),
  ]);
});

afterAll(async () => {
  await Promise.all([echo && stopServer(echo), ours && stopServer(ours), client?.stop()]);
  database.remove();
});

describe("the benchmark", () => {
  it("has an echo server that sends every frame back unchanged", async () => {
    const room = newRoom();
    const ws = await openSocket(echo.url.replace("{room}", room), echo.origin, { cookie: "", token: null });
    const sent = messageFor(room, "next");
    const echoed = new Promise<Buffer>((resolve) => ws.once("message", (data: Buffer) => resolve(data)));
    ws.send(sent, { binary: false });
    expect((await echoed).equals(sent)).toBe(true);
    ws.close();
  });

  it("drives our server with sockets sharing one session, and no acknowledged increment is lost", async () => {
    const page = ours.page!;
    const [visit, probeVisit] = await Promise.all([fetchVisit(page), fetchVisit(page)]);
    expect(await probeReplyMode(ours.url, ours.origin, probeVisit)).toBe("ack");
    const before = await readCounter(page, visit.cookie);
    const { result } = await client.request(
      {
        type: "run",
        job: {
          url: ours.url,
          origin: ours.origin,
          visits: new Array(SOCKETS).fill(visit),
          connections: SOCKETS,
          warmupMs: WARMUP_MS,
          durationMs: DURATION_MS,
          reply: "ack",
        },
      },
      "result",
    );
    const after = await readCounter(page, visit.cookie);
    expect(result.roundTrips).toBeGreaterThan(0);
    expect(result.errors).toBe(0);
    expect(result.unanswered).toBe(0);
    // The pushes to the session's other sockets (several changes to one push) arrive besides the acknowledgements,
    // which carry the handler's own HTML with them.
    expect(result.otherMessages).toBeGreaterThan(0);
    expect(result.acknowledged - (after! - before!)).toBe(0);
  });

  it("takes the acknowledgement for the reply, alone or riding on the handler's last message, and nothing else", () => {
    const reply = (text: string) => isReply(Buffer.from(text), "ack");
    expect(reply('{"ack":1}')).toBe(true);
    expect(reply('{"target":"#counter-display","html":"<strong>2</strong>","ack":1}')).toBe(true);
    expect(reply('{"target":"#counter-display","html":"<strong>2</strong>"}')).toBe(false);
    expect(reply('{"target":"#counter-display","html":"2","ack":11}')).toBe(false);
    expect(reply('{"ack":1,"replayed":true}')).toBe(false);
  });

  it("reads latency percentiles from its histogram within 1 %", () => {
    const histogram = new Histogram();
    for (let i = 1; i <= 1000; i++) histogram.record(i / 100); // 0.01 ms .. 10 ms
    expect(histogram.quantile(0.5)).toBeCloseTo(5, 1);
    expect(Math.abs(histogram.quantile(0.99) - 9.9) / 9.9).toBeLessThan(0.01);
  });
});
