// Random bytes from the system's generator, drawn a few KiB at a time; no byte is handed out twice.

import { randomFillSync } from "node:crypto";
import { RANDOM_POOL_BYTES } from "../constants.ts";

/**
 * Every page a view renders draws a room id and a CSRF mask: two small draws, each of which would otherwise be a
 * call into OpenSSL of its own (a few µs, a tenth of a request's CPU). Node keeps the same kind of cache for
 * randomUUID. Long-lived secrets (session keys, CSRF secrets) do not come from here.
 */
const pool = Buffer.allocUnsafeSlow(RANDOM_POOL_BYTES);
let used = RANDOM_POOL_BYTES;

/** Where `size` fresh bytes start in the pool (refilled first when it has fewer left). */
function take(size: number): number {
  if (used + size > RANDOM_POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const start = used;
  used += size;
  return start;
}

/** `size` random bytes, a copy of their own. */
export function pooledRandomBytes(size: number): Buffer {
  if (size > RANDOM_POOL_BYTES) return randomFillSync(Buffer.allocUnsafe(size));
  const start = take(size);
  return Buffer.from(pool.subarray(start, start + size));
}

/** `size` random bytes as hex (2 × size characters). */
export function pooledRandomHex(size: number): string {
  if (size > RANDOM_POOL_BYTES) return pooledRandomBytes(size).toString("hex");
  const start = take(size);
  return pool.toString("hex", start, start + size);
}
