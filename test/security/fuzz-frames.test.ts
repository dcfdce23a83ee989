// Fuzzing over a real socket: random and mutated frames (valid calls with random values, broken JSON, deep nesting,
// huge strings, wrong types in every field, random names). The server stays up, every reply is well-formed, no
// handler runs for an invalid frame, and the session holds exactly what the valid calls made of it.

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ERRORS } from "../../src/errors.ts";
import { createApp, Registry, type JsonObject } from "../../src/index.ts";
import { callReplies, unlimitedEvents, type LiveClient } from "../../src/testing/index.ts";
import { serve, tempDatabaseUrl, type Running } from "../helpers.ts";
import { BUMP, BUMP_MAX, ECHO, frames, type Outcome } from "./fuzz/frames.ts";
import { FRAMES, FUZZ_TIMEOUT_MS, SEED } from "./fuzz/scale.ts";

/** Frames sent before each wait for the server to catch up (a sentinel call's ack). */
const BATCH_MAX = 200;
/** Batches come out a little shorter than half the most on average (96 in a run of 10,000): runs for FRAMES at least. */
const BATCH_MEAN = 95;

const runs = { bumps: 0, echoes: 0 };
let running: Running;
let live: LiveClient;
let sessionKey: string;

beforeAll(async () => {
  const registry = new Registry()
    .handler(
      BUMP,
      z.object({ data: z.object({ by: z.number().int().min(1).max(BUMP_MAX) }) }),
      async (consumer, content) => {
        runs.bumps++;
        consumer.scope.session.set("counter", (consumer.scope.session.get("counter", 0) as number) + content.data.by);
      },
    )
    .handler(ECHO, () => {
      runs.echoes++;
    });
  const app = createApp({ registry, settings: { DATABASE_URL: tempDatabaseUrl(), ...unlimitedEvents } });
  app.get("/", () => "<p>fuzz</p>");
  running = await serve(app);
  const client = running.client();
  await client.get("/"); // a page: the session its socket will use
  live = await running.live(client);
  sessionKey = client.cookieHeader!.split("=")[1]!;
});
afterAll(() => running?.close());

/** A reply is an ack, or an error with a code of the table; never anything else, never a stack. */
function wellFormed(reply: JsonObject): boolean {
  if (Object.keys(reply).length === 1 && "ack" in reply) return true;
  return (
    typeof reply.error === "string" &&
    typeof reply.code === "string" &&
    reply.code in ERRORS &&
    !/\n\s+at /.test(reply.error)
  );
}

describe("fuzzed frames over a real socket", () => {
  it(
    `answers ${FRAMES} random and mutated frames as the protocol says, and runs handlers only for valid ones`,
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      const registered = new Set(running.app.registry.names());
      let sent = 0;
      let batches = 0;
      let bumpedBy = 0;
      let nextId = 0;
      const byCode = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.array(frames(registered), { minLength: 1, maxLength: BATCH_MAX, size: "max" }),
          async (makers) => {
            const before = { ...runs };
            const start = live.received.length;
            const expected: Outcome = { bumps: 0, bumpedBy: 0, echoes: 0, codes: [], acks: 0 };
            for (const make of makers) {
              const { frame, outcome } = make(`f.${nextId++}`);
              live.sendRaw(frame);
              expected.bumps += outcome.bumps;
              expected.bumpedBy += outcome.bumpedBy;
              expected.echoes += outcome.echoes;
              expected.acks += outcome.acks;
              expected.codes.push(...outcome.codes);
            }
            const sentinel = `s.${batches}`;
            const done = live.next((m) => m.ack === sentinel);
            live.sendRaw(JSON.stringify({ function: ECHO, data: {}, id: sentinel }));
            await done;
            const replies = callReplies(live.received.slice(start), sentinel);
            sent += makers.length;
            batches++;
            bumpedBy += expected.bumpedBy;
            for (const code of expected.codes) byCode.set(code, (byCode.get(code) ?? 0) + 1);
            expect(replies.filter((r) => !wellFormed(r))).toEqual([]);
            expect(replies.flatMap((r) => (typeof r.code === "string" ? [r.code] : [])).sort()).toEqual(
              [...expected.codes].sort(),
            );
            expect(replies.filter((r) => "ack" in r).length).toBe(expected.acks);
            expect({ bumps: runs.bumps - before.bumps, echoes: runs.echoes - before.echoes - 1 }).toEqual({
              bumps: expected.bumps,
              echoes: expected.echoes,
            });
            live.received.length = 0; // the replies of a million frames need not be kept
          },
        ),
        { numRuns: Math.ceil(FRAMES / BATCH_MEAN), seed: SEED, endOnFailure: true },
      );
      console.info(
        `fuzz-frames: ${sent} frames in ${batches} batches (seed ${SEED}); errors by code: ${JSON.stringify(Object.fromEntries(byCode))}`,
      );
      // The socket is still open, the session holds exactly the valid bumps, and the server serves pages.
      expect(live.ws.readyState).toBe(live.ws.OPEN);
      expect((await running.app.sessions.load(sessionKey))?.counter).toBe(bumpedBy);
      expect((await running.client().get("/")).status).toBe(200);
    },
  );
});
