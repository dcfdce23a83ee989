// Serves files under /static/ from the app's static directories and the client bundle.

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

/** Streams `relative` from the first directory that has it; false when none does. */
export async function serveStatic(directories: string[], relative: string, res: ServerResponse): Promise<boolean> {
  for (const dir of directories) {
    const root = resolve(dir);
    const file = resolve(join(root, relative));
    if (!file.startsWith(root + sep)) return false; // ../ out of the directory
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) continue;
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Length": info.size,
      "Cache-Control": "no-cache",
    });
    // A file removed between the stat and the read ends the response rather than the process.
    createReadStream(file)
      .on("error", () => res.destroy())
      .pipe(res);
    return true;
  }
  return false;
}
