// A large upload streams: the server's memory does not grow with the file. Run in a process of its own with the
// collector exposed, so the figure is what the upload holds, not garbage not yet collected; 192 MB keeps it short
// (scripts/upload-memory.ts measures 1 GB, and the peak without forced collections).

import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { UploadMeasure } from "../../scripts/upload-memory.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const FILE_MB = 192;
const MAX_GROWTH = 64 * 1024 * 1024;

function run(): Promise<UploadMeasure> {
  const child = spawn(
    process.execPath,
    ["--expose-gc", "--conditions=source", "--import", "tsx", "scripts/upload-memory.ts"].concat([
      "--mb",
      String(FILE_MB),
      "--collect",
      "--json",
    ]),
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.on("close", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0) reject(new Error(`upload-memory exited with ${code}: ${out}`));
      else resolve(JSON.parse(line) as UploadMeasure);
    }),
  );
}

describe("a large upload", () => {
  it(`of ${FILE_MB} MB grows the server's RSS by less than 64 MB, and arrives with its sha256`, async () => {
    const measure = await run();
    expect(measure.sha256Matches).toBe(true);
    expect(measure.bytes).toBe(FILE_MB * 1024 * 1024);
    expect(measure.rssGrowth).toBeLessThan(MAX_GROWTH);
  }, 120_000);
});
