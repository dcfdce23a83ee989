// Writes the full results as JSON under bench/results/ (git-ignored), one file per run, named by its start time.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const RESULTS_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), "results");

/** Returns the file's path relative to the working directory. */
export function writeResults(startedAt: Date, results: object): string {
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const name = startedAt.toISOString().replace(/[:.]/g, "-") + ".json";
  const path = join(RESULTS_DIRECTORY, name);
  writeFileSync(path, JSON.stringify(results, null, 2) + "\n");
  return relative(process.cwd(), path);
}
