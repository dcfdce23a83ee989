// Holds a SQLite file's write lock from another process, as another program would, until released.

import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HOLDER = join(dirname(fileURLToPath(import.meta.url)), "sqlite-lock-holder.ts");

export interface WriteLock {
  release(): Promise<void>;
}

/** Resolves once the other process holds the lock. */
export function holdWriteLock(path: string): Promise<WriteLock> {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", HOLDER, path], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => out.includes(word) && resolve();
      child.stdout!.on("data", (chunk) => ((out += chunk), check()));
      child.once("exit", (code) =>
        out.includes(word) ? resolve() : reject(new Error(`lock holder exited (${code}) before "${word}"`)),
      );
      check();
    });
  return said("locked").then(() => ({
    async release() {
      child.stdin!.end("release\n");
      await said("released");
    },
  }));
}
