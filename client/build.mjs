// Bundles the browser client into the package's dist/client/liveview.js (one minified script, no sourcemap) and reports its size.

import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, "..", "dist", "client", "liveview.js");
const BYTES_PER_KB = 1024;

try {
  await build({
    entryPoints: [join(here, "src", "index.ts")],
    outfile,
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2020",
    sourcemap: false,
    // Stimulus is MIT-licensed: its notice travels with the bundle.
    banner: { js: "/*! liveview client; includes Stimulus (MIT, (c) Basecamp, LLC) and idiomorph (0BSD) */" },
    logLevel: "warning",
  });
} catch {
  // esbuild has already printed the errors.
  process.exit(1);
}

const code = readFileSync(outfile);
const kb = (bytes) => `${(bytes / BYTES_PER_KB).toFixed(1)} KB`;
console.log(`client bundle: ${kb(code.length)}, ${kb(gzipSync(code).length)} gzipped`);
