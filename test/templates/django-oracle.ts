// Django itself as the oracle: one Python process renders a whole batch of cases with Django's engine.

import { execFileSync, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Debian's python3-django lives with the system Python, not with whatever python3 comes first on PATH. */
export const PYTHON = process.env.LIVEVIEW_DJANGO_PYTHON ?? "/usr/bin/python3";
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "django_render.py");
const ORACLE_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** Why Django cannot be used here, or null when it can. */
export function djangoMissing(): string | null {
  try {
    execFileSync(PYTHON, ["-c", "import django"], { stdio: "ignore" });
    return null;
  } catch {
    return `Django is not importable by ${PYTHON} (install python3-django)`;
  }
}

export interface OracleCase {
  template: string;
  context?: unknown;
  files?: Record<string, string>;
  lang?: string;
}

export type OracleResult = { html: string } | { error: string };

export function renderWithDjango(
  cases: OracleCase[],
  options: { dirs?: string[]; localePaths?: string[]; routes?: Record<string, string> } = {},
): OracleResult[] {
  const input = JSON.stringify({
    cases,
    dirs: options.dirs ?? [],
    locale_paths: options.localePaths ?? [],
    routes: options.routes ?? {},
  });
  const run = spawnSync(PYTHON, [SCRIPT], {
    input,
    encoding: "utf8",
    timeout: ORACLE_TIMEOUT_MS,
    maxBuffer: MAX_OUTPUT_BYTES,
  });
  if (run.status !== 0) throw new Error(`Django renderer failed: ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as OracleResult[];
}
