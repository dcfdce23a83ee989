// Appends one chunk request's body to an upload's part file, streaming: what is in memory is what the pipe holds
// (a few 64 KiB buffers), however large the chunk or the file. Past its allowance or silent too long, it stops.

import { createWriteStream } from "node:fs";
import type { Hash } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { LiveViewError } from "../errors.ts";

export interface ChunkLimits {
  /** Bytes this chunk may add (the smaller of the chunk size and what the file still lacks). */
  allowed: number;
  /** A body silent this long is cut. */
  idleMs: number;
  /** Fed every byte written, in order (the file's running sha256). */
  hash: Hash | null;
}

/** Resolves with the bytes written; rejects when the body broke a limit or the connection failed (bytes written stay). */
export async function appendChunk(body: Readable, path: string, limits: ChunkLimits): Promise<number> {
  let written = 0;
  let idle: NodeJS.Timeout | undefined;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      written += chunk.length;
      if (written > limits.allowed) {
        callback(
          new LiveViewError(
            "upload_too_large",
            `the chunk carries more than the ${limits.allowed} bytes the upload still lacks or a chunk may hold`,
          ),
        );
        return;
      }
      limits.hash?.update(chunk);
      restartIdle();
      callback(null, chunk);
    },
  });
  const restartIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      body.destroy(new LiveViewError("upload_offset", `the chunk stopped arriving for ${limits.idleMs} ms`));
    }, limits.idleMs);
  };
  restartIdle();
  try {
    await pipeline(body, meter, createWriteStream(path, { flags: "a" }));
  } finally {
    clearTimeout(idle);
  }
  return written;
}
