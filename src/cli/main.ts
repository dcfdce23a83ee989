#!/usr/bin/env node
// The `liveview-node` command: `new <folder>` writes an app; `clearsessions` deletes expired sessions.

import { clearSessions } from "./clearsessions.ts";
import { NewAppError, newApp } from "./new-app.ts";

const USAGE = `usage:
  liveview-node new <folder> [--package <npm spec>]   write a new app into <folder>
  liveview-node clearsessions                         delete expired sessions (DATABASE_URL, SESSION_ENGINE)`;
/** Exit codes: a wrong command line (as most CLIs), and a command that could not do its job. */
const EXIT_USAGE = 2;
const EXIT_FAILED = 1;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === "new") {
    const packageAt = rest.indexOf("--package");
    const packageSpec = packageAt >= 0 ? rest[packageAt + 1] : undefined;
    const folders = rest.filter((_, i) => packageAt < 0 || (i !== packageAt && i !== packageAt + 1));
    if (folders.length !== 1 || (packageAt >= 0 && !packageSpec)) return usage();
    const folder = newApp(folders[0]!, { packageSpec });
    console.log(
      `Wrote a new app in ${folder}. Next:\n  cd ${folders[0]}\n  npm install\n  npm start    # http://127.0.0.1:8000\n  npm test`,
    );
    return 0;
  }
  if (command === "clearsessions" && rest.length === 0) {
    console.log(await clearSessions());
    return 0;
  }
  return usage();
}

function usage(): number {
  console.error(USAGE);
  return EXIT_USAGE;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(
    `liveview-node: ${error instanceof NewAppError || error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = EXIT_FAILED;
}
