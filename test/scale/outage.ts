// Closed loops of increments across a service outage: what each call got, and when the service went and came back.

import type { LiveClient } from "../../src/testing/index.ts";

export interface Outcome {
  ok: boolean;
  error?: string;
  startedAt: number;
  ms: number;
}

export interface OutageRun {
  outcomes: Outcome[];
  acked: number;
  failed: Outcome[];
  downAt: number;
  upAt: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Only against a hang: a phase waiting on its test gives up this long after it began. */
const PHASE_GUARD_MS = 30_000;

/**
 * How long a phase lasts: a number of ms, or until the calls so far pass a test (`downAt`/`upAt` are 0 until they
 * happen). A test is what a loaded machine cannot shorten: the phase lasts until what it is for has happened.
 */
export type Phase = number | ((outcomes: Outcome[], marks: { downAt: number; upAt: number }) => boolean);

/** Every client increments in a closed loop; the service is stopped after `before` and started after `down`. */
export async function incrementThroughOutage(
  clients: LiveClient[],
  service: { stop(): unknown; start(): unknown },
  timing: { before: Phase; down: Phase; after: Phase },
): Promise<OutageRun> {
  const outcomes: Outcome[] = [];
  const marks = { downAt: 0, upAt: 0 };
  let recorded = () => undefined as void;
  const phase = async (p: Phase, name: string) => {
    if (typeof p === "number") return sleep(p);
    const guard = Date.now() + PHASE_GUARD_MS;
    while (!p(outcomes, marks)) {
      if (Date.now() > guard) throw new Error(`the calls never passed the test of phase "${name}"`);
      await new Promise<void>((resolve) => (recorded = resolve));
    }
  };
  let running = true;
  const loops = clients.map(async (client) => {
    while (running) {
      const startedAt = Date.now();
      const error = (await client.call("increment_counter")).find((r) => r.error !== undefined)?.error as
        string | undefined;
      outcomes.push({ ok: error === undefined, error, startedAt, ms: Date.now() - startedAt });
      recorded();
      if (error) await sleep(20);
    }
  });
  await phase(timing.before, "before");
  await service.stop();
  const downAt = (marks.downAt = Date.now());
  await phase(timing.down, "down");
  await service.start();
  const upAt = (marks.upAt = Date.now());
  await phase(timing.after, "after");
  running = false;
  await Promise.all(loops);
  return { outcomes, acked: outcomes.filter((o) => o.ok).length, failed: outcomes.filter((o) => !o.ok), downAt, upAt };
}
