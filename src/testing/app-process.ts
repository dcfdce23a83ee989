// The app as a process of its own, for tests that kill it mid-call or restart it: started on a free port of
// 127.0.0.1 with its own SQLite file (unless told otherwise), ready once it accepts connections. A restart keeps
// the port and the database, so clients reconnect to the same address and find what was committed.

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_PROCESS_PROBE_MS, TEST_PROCESS_START_MS } from "../constants.ts";

export interface AppProcessOptions {
  /** Added to the process's environment (PORT, HOST and DATABASE_URL are set unless given here). */
  env?: Record<string, string>;
  /** Node's own flags, e.g. `["--import", "tsx"]` for a TypeScript entry. */
  execArgv?: string[];
  cwd?: string;
}

export interface AppProcess {
  readonly url: string;
  readonly databaseUrl: string;
  readonly child: ChildProcess;
  /** What the process wrote to stdout and stderr so far. */
  output(): string;
  /** Kills it (SIGKILL by default: no chance to finish anything) and resolves once it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and database (after `kill`, or stopping it first). */
  restart(): Promise<AppProcess>;
  /** Stops it gracefully (SIGTERM). */
  stop(): Promise<void>;
}

/** Runs `script` (a file that calls `app.listen()`, which reads PORT and HOST) as a child process. */
export async function startAppProcess(script: string, options: AppProcessOptions = {}): Promise<AppProcess> {
  const port = options.env?.PORT ?? String(await freePort());
  const databaseUrl =
    options.env?.DATABASE_URL ?? "sqlite:" + join(mkdtempSync(join(tmpdir(), "liveview-app-")), "db.sqlite3");
  const env = { ...process.env, HOST: "127.0.0.1", ...options.env, PORT: port, DATABASE_URL: databaseUrl };
  const child = spawn(process.execPath, [...(options.execArgv ?? []), script], {
    cwd: options.cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const running: AppProcess = {
    url: `http://127.0.0.1:${port}`,
    databaseUrl,
    child,
    output: () => output,
    async kill(signal = "SIGKILL") {
      if (alive()) child.kill(signal);
      await exited;
    },
    async restart() {
      await running.stop();
      return startAppProcess(script, { ...options, env: { ...options.env, PORT: port, DATABASE_URL: databaseUrl } });
    },
    stop: () => running.kill("SIGTERM"),
  };
  await accepting(
    Number(port),
    () => !alive(),
    () => output,
  );
  return running;
}

/** Resolves once something accepts connections on `port`; fails if the process exits first or takes too long. */
async function accepting(port: number, gone: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + TEST_PROCESS_START_MS;
  for (;;) {
    if (gone()) throw new Error(`the app process exited before it listened:\n${output()}`);
    if (await probe(port)) return;
    if (Date.now() > deadline) throw new Error(`the app process did not listen on ${port} in time:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, TEST_PROCESS_PROBE_MS));
  }
}

function probe(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => resolve(true)).once("error", () => resolve(false));
    socket.once("close", () => socket.destroy());
    socket.once("connect", () => socket.end());
  });
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once("error", reject)
      .listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
  });
}
