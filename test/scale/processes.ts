// Child processes for the scale tests: fixture servers (test/scale/server.ts) and a redis-server of a test's own.

import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LiveClient, pageToken, unlimitedEventsEnv } from "../../src/testing/index.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/** Spawns a server (the fixture's, or another script that prints "listening <port>") and resolves once it listens. */
export function startServer(env: Record<string, string>, script = "test/scale/server.ts"): Promise<ServerProcess> {
  // `node --import tsx`, not the tsx CLI: one process, so that a SIGKILL kills the server itself.
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", join(root, script)], {
    cwd: root,
    env: { ...process.env, PORT: "0", ...unlimitedEventsEnv, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s:\n${stderr}`)), 20_000);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
    let stdout = "";
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const port = /listening (\d+)/.exec(stdout)?.[1];
      if (!port) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${port}`,
        child,
        log: () => stderr,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
  });
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once("error", reject)
      .listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
  });
}

/** A throwaway redis-server (no persistence) on `port`; resolves once it accepts connections. */
export function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 10_000);
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      if (/Ready to accept connections/.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}:\n${out}`)));
  });
}

/** A browser's session: the cookie a first GET hands out, and the token its page gives the socket. */
export async function browserSession(baseUrl: string): Promise<{ cookie: string; token: string | null }> {
  const res = await fetch(baseUrl + "/counter");
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("sessionid="));
  if (!cookie) throw new Error("no session cookie");
  return { cookie, token: pageToken(await res.text()) };
}

/** The counter as the page shows it (loaded fresh from the store). */
export async function pageCounter(baseUrl: string, cookie: string): Promise<number> {
  const page = await (await fetch(baseUrl + "/counter", { headers: { Cookie: cookie } })).text();
  return Number(/Counter: <strong>(\d+)<\/strong>/.exec(page)?.[1]);
}

/** Calls a handler; true when the server acknowledged it without an error reply. */
export async function succeeded(
  client: LiveClient,
  fn: string,
  content: Parameters<LiveClient["call"]>[1] = {},
): Promise<boolean> {
  const replies = await client.call(fn, content);
  return !replies.some((r) => r.error !== undefined);
}
