// One upload on disk: its bytes so far (`tmp/<id>.part`) and what it is (`tmp/<id>.json`), so a restarted server
// knows every upload under way and the client resumes where the file ends.

import { randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UPLOAD_ID_BYTES } from "../constants.ts";
import { LiveViewError } from "../errors.ts";
import type { UploadRule } from "./upload-rule.ts";

export interface UploadEntry {
  id: string;
  /** The upload name of the input (`data-liveview-upload="avatar"`). */
  name: string;
  /** The file's original name, checked (file-name.ts); data, never a path. */
  fileName: string;
  size: number;
  rule: UploadRule;
  /** sessionTag() of the session that started it. */
  session: string;
  createdAt: number;
  /** Set once every byte arrived and the file was checked and stored. */
  done?: { type: string; sha256: string; key: string };
}

const ID = /^[0-9a-f]{32}$/;

export function newUploadId(): string {
  return randomBytes(UPLOAD_ID_BYTES).toString("hex");
}

/** An id from a URL or a call: only our own shape, so it can never name a path outside `tmp/`. */
export function checkedUploadId(id: unknown): string {
  if (typeof id !== "string" || !ID.test(id)) throw new LiveViewError("upload_not_found", "no upload has this id");
  return id;
}

export class TempFolder {
  readonly folder: string;

  constructor(root: string) {
    this.folder = join(root, "tmp");
  }

  async init(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
  }

  part(id: string): string {
    return join(this.folder, `${id}.part`);
  }

  private meta(id: string): string {
    return join(this.folder, `${id}.json`);
  }

  /** Creates the entry with an empty file; written whole before the client hears of it. */
  async create(entry: UploadEntry): Promise<void> {
    await writeFile(this.part(entry.id), new Uint8Array(), { flag: "wx" });
    await this.write(entry);
  }

  /** Replaces the description atomically (a crash leaves the old one or the new one, never half). */
  async write(entry: UploadEntry): Promise<void> {
    const temp = `${this.meta(entry.id)}.${randomBytes(4).toString("hex")}`;
    await writeFile(temp, JSON.stringify(entry));
    await rename(temp, this.meta(entry.id));
  }

  async read(id: string): Promise<UploadEntry> {
    try {
      return JSON.parse(await readFile(this.meta(id), "utf8")) as UploadEntry;
    } catch {
      throw new LiveViewError(
        "upload_not_found",
        "this upload is gone (cancelled, failed or expired); choose the file again",
      );
    }
  }

  /** Bytes the server holds of an upload under way: where the next chunk must start. */
  async offset(id: string): Promise<number> {
    try {
      return (await stat(this.part(id))).size;
    } catch {
      return 0;
    }
  }

  /** The last time anything of the upload was written (its part file or its description). */
  async touchedAt(id: string): Promise<number> {
    const times = await Promise.all(
      [this.part(id), this.meta(id)].map((p) =>
        stat(p).then(
          (s) => s.mtimeMs,
          () => 0,
        ),
      ),
    );
    return Math.max(...times);
  }

  async remove(id: string): Promise<void> {
    await Promise.all([rm(this.part(id), { force: true }), rm(this.meta(id), { force: true })]);
  }

  /** Every upload id with a file in tmp/ (described or not). */
  async ids(): Promise<string[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    return [...new Set(names.map((n) => n.slice(0, n.indexOf("."))).filter((id) => ID.test(id)))];
  }
}
