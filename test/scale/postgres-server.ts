// A PostgreSQL server of a test's own (initdb into a temporary directory, its own port), so that a test can stop and
// start it without touching the shared one. As root, the server runs as the `postgres` user, as PostgreSQL requires.

import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PG_ROOT = "/usr/lib/postgresql";

/** The directory holding initdb and pg_ctl, or null when PostgreSQL's server programs are not installed. */
export function postgresBin(): string | null {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(join(PG_ROOT, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(PG_ROOT, versions[0]!, "bin") : null;
}

export class PostgresServer {
  readonly url: string;
  private readonly dir = mkdtempSync(join(tmpdir(), "liveview-pg-"));

  constructor(
    private readonly bin: string,
    readonly port: number,
  ) {
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    if (process.getuid?.() === 0) {
      const [uid, gid] = ["-u", "-g"].map((flag) => Number(execFileSync("id", [flag, "postgres"]).toString()));
      chownSync(this.dir, uid!, gid!);
    }
    this.run("initdb", ["-D", this.dir, "-A", "trust", "-U", "postgres", "--no-sync"]);
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    this.run("pg_ctl", ["-D", this.dir, "-o", options, "-l", join(this.dir, "log"), "-w", "start"]);
  }

  /** Immediate shutdown: connections drop at once, as when the server dies. */
  stop(): void {
    this.run("pg_ctl", ["-D", this.dir, "-m", "immediate", "-w", "stop"]);
  }

  remove(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(program: string, args: string[]): void {
    const command = join(this.bin, program);
    if (process.getuid?.() === 0)
      execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe" });
    else execFileSync(command, args, { stdio: "pipe" });
  }
}
