// Times a cached render of the seed's counter fragment: the median of several runs of many renders each.
// Run with `npx tsx test/templates/render-timing.ts`; compare before and after a change to the engine.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { templates } from "../../src/index.ts";

const RUNS = 9;
const RENDERS_PER_RUN = 20_000;
const here = dirname(fileURLToPath(import.meta.url));
templates.addDirectory(join(here, "../../examples/demo/templates"));

async function run(): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < RENDERS_PER_RUN; i++) await templates.renderToString("counter.html", { count: i });
  return Number(process.hrtime.bigint() - start) / RENDERS_PER_RUN;
}

await run(); // warm the cache and the JIT
const times: number[] = [];
for (let i = 0; i < RUNS; i++) times.push(await run());
times.sort((a, b) => a - b);
console.log(
  `counter.html: median ${(times[RUNS >> 1]! / 1000).toFixed(2)} µs per render (${RUNS} runs of ${RENDERS_PER_RUN})`,
);
