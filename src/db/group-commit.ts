// Group commit for SQLite: the writes queued in one turn of the event loop share one transaction (one commit),
// and each writer's promise settles once that commit is done, so a reply still follows a durable write.

import type { SqliteDatabase } from "./sqlite.ts";

interface Queued {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private queue: Queued[] = [];
  private readonly commitAll;
  private readonly commitOne;

  constructor(db: SqliteDatabase) {
    this.commitAll = db.transaction((batch: Queued[]) => batch.map((item) => item.write()));
    this.commitOne = db.transaction((item: Queued) => item.write());
  }

  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const first = this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject }) === 1;
      if (first) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    let results: unknown[];
    try {
      results = this.commitAll.immediate(batch);
    } catch {
      // One write failed and rolled the batch back: commit each alone, so that only the failing one fails.
      for (const item of batch) {
        try {
          item.resolve(this.commitOne.immediate(item));
        } catch (error) {
          item.reject(error);
        }
      }
      return;
    }
    batch.forEach((item, i) => item.resolve(results[i]));
  }
}
