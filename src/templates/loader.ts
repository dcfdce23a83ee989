// Finds a template by name in the directories, in order; a name cannot reach outside them.

import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, normalize, sep } from "node:path";
import { TemplateDoesNotExist } from "./errors.ts";

export function loadSource(name: string, directories: readonly string[]): string {
  const relative = normalize(name);
  if (isAbsolute(relative) || relative === ".." || relative.startsWith(`..${sep}`))
    throw new TemplateDoesNotExist(name, []);
  for (const dir of directories) {
    const path = join(dir, relative);
    if (existsSync(path)) return readFileSync(path, "utf8");
  }
  throw new TemplateDoesNotExist(name, [...directories]);
}
