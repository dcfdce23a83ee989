// The storm's server process seen from the storm: start it (ready, not yet listening), make it listen, ask it when
// the upgrades came, kill it.

import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CHILD_READY_TIMEOUT_MS } from "../constants.ts";
import type { FromStormServer, ToStormServer } from "./storm-messages.ts";

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "storm-server.ts");

export class StormServer {
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
  }

  static async start(databaseUrl: string): Promise<StormServer> {
    const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", SCRIPT], {
      stdio: ["ignore", "ignore", "inherit", "ipc"],
      env: { ...process.env, STORM_DATABASE_URL: databaseUrl },
    });
    const server = new StormServer(child);
    await server.next("ready", CHILD_READY_TIMEOUT_MS);
    return server;
  }

  /** Listens on `port` (0: any); resolves with the port and the time (Date.now() in the server) it listened. */
  async listen(port: number): Promise<{ port: number; at: number }> {
    this.send({ type: "listen", port });
    return this.next("listening", CHILD_READY_TIMEOUT_MS);
  }

  async upgrades(): Promise<number[]> {
    this.send({ type: "upgrades" });
    return (await this.next("upgrades", CHILD_READY_TIMEOUT_MS)).times;
  }

  /** Kills the process: its sockets and its listener close at once, as in a crash or a forced restart. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    await this.exited;
  }

  private send(message: ToStormServer): void {
    this.child.send(message);
  }

  private next<T extends FromStormServer["type"]>(type: T, timeoutMs: number): Promise<Extract<FromStormServer, { type: T }>> {
    return new Promise((resolve, reject) => {
      const done = (error: Error | null, message?: FromStormServer) => {
        clearTimeout(timer);
        this.child.off("message", onMessage).off("exit", onExit);
        if (error) reject(error);
        else resolve(message as Extract<FromStormServer, { type: T }>);
      };
      const onMessage = (message: FromStormServer) => {
        if (message.type === type) done(null, message);
        else if (message.type === "error") done(new Error(`storm server: ${message.message}`));
      };
      const onExit = (code: number | null) => done(new Error(`storm server exited (code ${code}) while we waited for "${type}"`));
      const timer = setTimeout(() => done(new Error(`storm server: no "${type}" within ${timeoutMs} ms`)), timeoutMs);
      this.child.on("message", onMessage).once("exit", onExit);
    });
  }
}
