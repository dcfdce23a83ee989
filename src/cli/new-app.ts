// `liveview-node new <folder>`: writes a runnable, tested app (a view, a handler, two templates, tests, a README)
// from the scaffold shipped in the package.

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The scaffold sits beside dist/ and src/ in the package, two folders above this file in either. */
const SCAFFOLD = join(dirname(fileURLToPath(import.meta.url)), "../../scaffold");
/** npm would publish a file named .gitignore as .npmignore, so the scaffold carries it without the dot. */
const GITIGNORE = "gitignore";
/** npm's rule for a package name: lowercase, no spaces, URL-safe, at most 214 characters. */
const NPM_NAME = /^[a-z0-9][a-z0-9._~-]{0,213}$/;

export interface NewAppOptions {
  /** What the app's package.json depends on (default: this version of the package, e.g. `^0.1.0`). */
  packageSpec?: string;
}

export class NewAppError extends Error {}

/** Writes the app into `folder` (created; it must be empty or absent) and returns the folder's absolute path. */
export function newApp(folder: string, options: NewAppOptions = {}): string {
  const target = resolve(folder);
  const name = basename(target);
  if (!NPM_NAME.test(name)) {
    throw new NewAppError(
      `"${name}" cannot be a package name: use lowercase letters, digits, and - . _ ~ (e.g. my-app)`,
    );
  }
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new NewAppError(`${target} already exists and is not empty; choose a new folder`);
  }
  mkdirSync(target, { recursive: true });
  cpSync(SCAFFOLD, target, { recursive: true });
  renameSync(join(target, GITIGNORE), join(target, ".gitignore"));
  const spec = options.packageSpec ?? `^${ownVersion()}`;
  for (const file of ["package.json", "README.md"]) {
    const path = join(target, file);
    const text = readFileSync(path, "utf8").replaceAll("__NAME__", name).replaceAll("__PACKAGE__", spec);
    writeFileSync(path, text);
  }
  return target;
}

function ownVersion(): string {
  const manifest = JSON.parse(readFileSync(join(SCAFFOLD, "../package.json"), "utf8")) as { version: string };
  return manifest.version;
}
