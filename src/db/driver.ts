// Loads a database driver that only some deployments need (ioredis, pg) when a setting first asks for it, so that
// an app on SQLite alone installs neither; a missing one is a clear error naming the setting and the install.

import { createRequire } from "node:module";
import { LiveViewError } from "../errors.ts";

const require = createRequire(import.meta.url);

export function loadDriver<T>(name: "ioredis" | "pg", setting: string): T {
  try {
    return require(name) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    throw new LiveViewError(
      "bad_setting",
      `${setting} needs the ${name} package, which is not installed: npm install ${name}`,
    );
  }
}
