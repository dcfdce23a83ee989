// Where finished uploads are kept: the seam. Local disk is the default (local-store.ts); an S3-compatible store
// implements the same four methods (docs/guide/uploads.md shows its shape).

import type { Readable } from "node:stream";

export interface StoredFileInfo {
  /** The type found by sniffing (and agreeing with the name). */
  type: string;
  size: number;
  sha256: string;
}

export interface UploadStore {
  /**
   * Takes a finished file from the upload folder's `tmp/` (the store may move it, or copy it and leave it to be
   * removed) and keeps it under a key it generates; the original file name is never part of the key.
   */
  put(tempPath: string, info: StoredFileInfo): Promise<string>;
  /** The file's bytes. */
  open(key: string): Readable;
  /** A path on this machine's disk, for stores that have one; `null` otherwise (read with `open`). */
  path(key: string): string | null;
  /** Removes the file; a key already gone is not an error. */
  delete(key: string): Promise<void>;
}
