// Starts a TypeScript script as a child process (pinned to a core when asked) and talks to it over IPC.

import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CHILD_READY_TIMEOUT_MS, CHILD_STOP_TIMEOUT_MS } from "./constants.ts";
import type { FromChild, ToChild } from "./ipc.ts";

const here = dirname(fileURLToPath(import.meta.url));

export interface ChildOptions {
  /** Script path relative to bench/. */
  script: string;
  /** Core to pin the process to with taskset; null runs it unpinned. */
  core: number | null;
  nodeFlags?: string[];
  env?: Record<string, string>;
  /**
   * Whether `liveview-node` resolves to its TypeScript sources (the default, for the benchmark's own processes) or,
   * false, to the compiled dist/ that users install: tsx's transform wraps every closure it creates in a naming
   * helper, work the published code does not do.
   */
  source?: boolean;
}

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
type Request = WithoutId<ToChild>;
type Listener = (message: FromChild) => void;

export class Child {
  private nextId = 1;
  private readonly listeners = new Set<Listener>();
  private exited = false;

  private constructor(
    private readonly process: ChildProcess,
    readonly port: number,
  ) {
    process.on("message", (message: FromChild) => this.listeners.forEach((l) => l(message)));
    process.once("exit", () => (this.exited = true));
  }

  get pid(): number {
    return this.process.pid!;
  }

  /** Spawns the script and resolves once it has said it is ready (with its port, for servers). */
  static start(options: ChildOptions): Promise<Child> {
    const conditions = options.source === false ? [] : ["--conditions=source"];
    const node = [...(options.nodeFlags ?? []), ...conditions, "--import", "tsx", join(here, options.script)];
    const [command, args] =
      options.core === null
        ? [process.execPath, node]
        : ["taskset", ["-c", String(options.core), process.execPath, ...node]];
    const child = spawn(command, args, {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...process.env, ...options.env },
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`${options.script} did not start within ${CHILD_READY_TIMEOUT_MS} ms`)),
        CHILD_READY_TIMEOUT_MS,
      );
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.kill("SIGKILL");
        reject(error);
      };
      child.once("error", fail);
      child.once("exit", (code) => fail(new Error(`${options.script} exited with code ${code} before it was ready`)));
      child.on("message", (message: FromChild) => {
        if (message.type !== "ready") return;
        clearTimeout(timer);
        child.removeAllListeners("exit").removeAllListeners("error");
        resolve(new Child(child, message.port));
      });
    });
  }

  /** Sends a request and resolves with the child's answer to it; `onEvent` hears what it says meanwhile. */
  request<T extends FromChild["type"]>(
    message: Request,
    answer: T,
    onEvent?: Listener,
  ): Promise<Extract<FromChild, { type: T }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const listener: Listener = (reply) => {
        if (!("id" in reply) || reply.id !== id) return;
        if (reply.type === answer || reply.type === "error") {
          this.listeners.delete(listener);
          this.process.off("exit", onExit);
          if (reply.type === "error") reject(new Error(reply.message));
          else resolve(reply as Extract<FromChild, { type: T }>);
        } else onEvent?.(reply);
      };
      const onExit = (code: number | null) =>
        reject(new Error(`child process exited (code ${code}) during a "${message.type}" request`));
      this.listeners.add(listener);
      this.process.once("exit", onExit);
      this.process.send({ ...message, id } as ToChild);
    });
  }

  /** Kills the process at once, as in a crash or a forced restart: its sockets and its listener close together. */
  async kill(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    this.process.kill("SIGKILL");
    await exit;
  }

  /** Asks the child to stop, and kills it if it does not exit in time. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    const timer = setTimeout(() => this.process.kill("SIGKILL"), CHILD_STOP_TIMEOUT_MS);
    try {
      if (this.process.connected) this.process.send({ type: "stop", id: 0 } satisfies ToChild);
      else this.process.kill("SIGTERM");
    } catch {
      this.process.kill("SIGTERM");
    }
    await exit;
    clearTimeout(timer);
  }
}
