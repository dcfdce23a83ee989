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

/** Every client increments in a closed loop; the service is stopped after `before` ms and started `down` ms later. */
export async function incrementThroughOutage(
  clients: LiveClient[],
  service: { stop(): unknown; start(): unknown },
  timing: { before: number; down: number; after: number },
): Promise<OutageRun> {
  const outcomes: Outcome[] = [];
  let running = true;
  const loops = clients.map(async (client) => {
    while (running) {
      const startedAt = Date.now();
      const error = (await client.call("increment_counter")).find((r) => r.error !== undefined)?.error as
        string | undefined;
      outcomes.push({ ok: error === undefined, error, startedAt, ms: Date.now() - startedAt });
      if (error) await sleep(20);
    }
  });
  await sleep(timing.before);
  await service.stop();
  const downAt = Date.now();
  await sleep(timing.down);
  await service.start();
  const upAt = Date.now();
  await sleep(timing.after);
  running = false;
  await Promise.all(loops);
  return { outcomes, acked: outcomes.filter((o) => o.ok).length, failed: outcomes.filter((o) => !o.ok), downAt, upAt };
}
