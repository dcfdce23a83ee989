import { defineConfig } from "vitest/config";

export default defineConfig({
  // The demo and the benchmark import the package by name; in the repository that is the TypeScript source.
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"], externalConditions: ["source"] } },
  test: {
    // The testing guide's examples are tests too (docs/guide/testing.md includes them verbatim).
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
