// What a handler receives for each finished upload of a name (`takeUploads(consumer, "avatar")`).

import type { Readable } from "node:stream";

export interface UploadedFile {
  /** The file's name on the user's machine, checked (no path separator or control character); data, not a path. */
  name: string;
  size: number;
  /** The type its content shows (sniffed), which its name agreed with. */
  type: string;
  /** Hex sha256 of the bytes the server received. */
  sha256: string;
  /** Its key in the upload store (a generated name). */
  key: string;
  /** Where it lies on this machine (local store), or `null` for a store without paths: read `stream()`. */
  path: string | null;
  stream(): Readable;
}
