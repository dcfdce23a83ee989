// The default UploadStore: finished files in `<UPLOAD_ROOT>/files/`, each under a generated name.

import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { UPLOAD_ID_BYTES } from "../constants.ts";
import { LiveViewError } from "../errors.ts";
import type { StoredFileInfo, UploadStore } from "./upload-store.ts";

/** A key this store generated: hex only, so it can never step out of its folder. */
const KEY = /^[0-9a-f]+$/;

export class LocalUploadStore implements UploadStore {
  readonly folder: string;

  constructor(root: string) {
    this.folder = join(root, "files");
  }

  async put(tempPath: string, _info: StoredFileInfo): Promise<string> {
    await mkdir(this.folder, { recursive: true });
    const key = randomBytes(UPLOAD_ID_BYTES).toString("hex");
    // Same file system as tmp/ (both under the upload root): a rename, not a copy of a gigabyte.
    await rename(tempPath, join(this.folder, key));
    return key;
  }

  open(key: string): Readable {
    return createReadStream(this.path(key));
  }

  path(key: string): string {
    if (!KEY.test(key)) throw new LiveViewError("upload_not_found", `no stored file has the key ${key}`);
    return join(this.folder, key);
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
