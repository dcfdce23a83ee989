// The browser client's weight: dist/client/liveview.js as built by `npm run build`, raw and gzipped.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export interface BundleSize {
  bytes: number;
  gzipBytes: number;
}

export const BUNDLE_PATH = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "client", "liveview.js");

/** Gzipped at zlib's default level, as `npm run build` reports it and as most servers compress on the fly. */
export function measureBundle(path = BUNDLE_PATH): BundleSize {
  const code = readFileSync(path);
  return { bytes: code.length, gzipBytes: gzipSync(code).length };
}
