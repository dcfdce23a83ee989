// The SQLite file our server runs on: fresh for each benchmark, removed at the end.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Database {
  url: string;
  remove(): void;
}

export function freshDatabase(): Database {
  const directory = mkdtempSync(join(tmpdir(), "liveview-bench-"));
  return {
    url: `sqlite:${join(directory, "db.sqlite3")}`,
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
