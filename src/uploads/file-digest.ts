// Reading a finished part file: its first bytes (to sniff) and its sha256 (when the running hash was lost).

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { SNIFF_BYTES } from "../constants.ts";

export async function head(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(path, { start: 0, end: SNIFF_BYTES - 1 })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
