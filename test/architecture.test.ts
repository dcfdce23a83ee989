// The folders are the architecture: each layer of src/ imports only from the layers below it (or its own), the
// browser client shares only the protocol module with the server, and the demo uses only the package's entries.

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Bottom to top. A name is a folder of src/ or a file at its top. */
const LAYERS = [
  ["protocol.ts", "constants.ts", "errors.ts", "json.ts", "logger.ts", "promises.ts"],
  ["settings.ts"],
  ["db"],
  ["channels"],
  ["session"],
  ["auth"],
  ["i18n", "templates", "forms", "uploads"],
  ["live"],
  ["server"],
  ["testing", "cli", "index.ts", "deployment.ts"],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Relative imports (static, dynamic and `import type`) of a file, resolved to absolute paths. */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => resolve(dirname(file), m[1]!));
}

function layerOf(file: string): number {
  const top = relative(join(ROOT, "src"), file).split("/")[0]!;
  const layer = LAYERS.findIndex((names) => names.includes(top));
  if (layer < 0) throw new Error(`${top} is in no layer: add it to LAYERS`);
  return layer;
}

describe("the source's folders", () => {
  it("stack: no import in src/ points up the layers", () => {
    const upward = files(join(ROOT, "src")).flatMap((file) =>
      imports(file)
        .filter((target) => layerOf(target) > layerOf(file))
        .map((target) => `${relative(ROOT, file)} imports ${relative(ROOT, target)}`),
    );
    expect(upward).toEqual([]);
  });

  it("the protocol module imports nothing, so the browser can bundle it", () => {
    expect(imports(join(ROOT, "src/protocol.ts"))).toEqual([]);
  });

  it("the client shares only the protocol module with the server", () => {
    const shared = files(join(ROOT, "client/src")).flatMap((file) =>
      imports(file)
        .filter((t) => !t.startsWith(join(ROOT, "client")))
        .map((t) => relative(ROOT, t)),
    );
    expect([...new Set(shared)]).toEqual(["src/protocol.ts"]);
  });

  it("the demo and the benchmark import the package by its public names, never its files", () => {
    const reaching = [...files(join(ROOT, "examples")), ...files(join(ROOT, "bench"))].flatMap((file) =>
      imports(file)
        .filter((t) => t.startsWith(join(ROOT, "src")))
        .map((t) => `${relative(ROOT, file)} → ${relative(ROOT, t)}`),
    );
    expect(reaching).toEqual([]);
  });
});
