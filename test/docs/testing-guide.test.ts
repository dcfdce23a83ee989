// The testing guide shows its examples verbatim: every block that names a file is that file, and every example
// test is shown. Vitest runs the files themselves (examples/**/*.test.ts), so the guide's code runs on every change.

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const guide = readFileSync(join(ROOT, "docs/guide/testing.md"), "utf8");
const blocks = [...guide.matchAll(/^```ts file=(\S+)\n([\s\S]*?)^```$/gm)].map(([, file, code]) => ({ file, code }));

it("shows each example file exactly as it is", () => {
  expect(blocks.length).toBeGreaterThan(0);
  for (const { file, code } of blocks) expect(code, file).toBe(readFileSync(join(ROOT, file!), "utf8"));
});

it("shows every example test", () => {
  const tests = readdirSync(join(ROOT, "examples/testing")).filter((name) => name.endsWith(".test.ts"));
  expect(blocks.map((b) => b.file).sort()).toEqual(tests.map((name) => `examples/testing/${name}`).sort());
});
