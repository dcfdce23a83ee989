// The handler side: the finished uploads of one name that this socket started, each handed over once.

import type { UploadedFile } from "../../uploads/uploaded-file.ts";
import type { Consumer } from "../connection/consumer.ts";

/**
 * `const [avatar] = await takeUploads(consumer, "avatar")`: the files are the app's from then on (in the upload
 * store under `key`; remove one with `app.uploads.store.delete(key)`). Finished uploads nobody takes expire.
 */
export function takeUploads(consumer: Consumer, name: string): Promise<UploadedFile[]> {
  return consumer.runtime.uploads.take(consumer.id, name);
}
