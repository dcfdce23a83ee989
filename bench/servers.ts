// The servers under test as the benchmark sees them: where to connect, which page holds the session, which process.

import { Child } from "./children.ts";
import type { Environment } from "./environment.ts";

export interface BenchServer {
  name: "echo" | "ours" | "peer" | "bare" | "liveviewjs";
  label: string;
  /** Socket URL; `{room}` is replaced by each socket's room id. */
  url: string;
  origin: string;
  /** The page that sets the session cookie and shows the counter; null for the echo server. */
  page: string | null;
  /** Our child process (memory and CPU on request); null for a server we did not start. */
  child: Child | null;
  /** Its process id, for CPU and RSS from /proc; null when unknown. */
  pid: number | null;
}

const LOOPBACK = "127.0.0.1";
const ROOM_PATH = /\/ws\/liveview\/[^/]+\/?$/;

async function start(
  script: string,
  env: Environment,
  nodeFlags: string[],
  vars: Record<string, string> = {},
): Promise<Child> {
  // The servers run the compiled package (`npm run bench` builds it first), as an application would.
  return Child.start({
    script,
    core: env.pinning?.server ?? null,
    nodeFlags: ["--expose-gc", ...nodeFlags],
    env: { BENCH_HOST: LOOPBACK, ...vars },
    source: false,
  });
}

export async function startEcho(env: Environment): Promise<BenchServer> {
  const child = await start("servers/echo.ts", env, []);
  const base = `${LOOPBACK}:${child.port}`;
  return {
    name: "echo",
    label: "raw ws echo",
    url: `ws://${base}/ws/liveview/{room}/`,
    origin: `http://${base}`,
    page: null,
    child,
    pid: child.pid,
  };
}

/** The bare node:http server rendering the counter page's template (the HTTP figure's baseline). */
export async function startBareHttp(env: Environment): Promise<BenchServer> {
  const child = await start("servers/http-bare.ts", env, []);
  const base = `${LOOPBACK}:${child.port}`;
  return {
    name: "bare",
    label: "bare http",
    url: "",
    origin: `http://${base}`,
    page: `http://${base}/counter`,
    child,
    pid: child.pid,
  };
}

/** LiveViewJS 0.8.1 serving the same counter (see servers/liveviewjs.ts): the TypeScript peer. */
export async function startLiveViewJs(env: Environment): Promise<BenchServer> {
  const child = await start("servers/liveviewjs.ts", env, []);
  const base = `${LOOPBACK}:${child.port}`;
  return {
    name: "liveviewjs",
    label: "LiveViewJS",
    url: `ws://${base}/live/websocket?vsn=2.0.0`,
    origin: `http://${base}`,
    page: `http://${base}/counter`,
    child,
    pid: child.pid,
  };
}

/** Our demo app on `databaseUrl`; with `profileDirectory`, it writes a CPU profile there when it stops. */
export async function startOurs(
  env: Environment,
  databaseUrl: string,
  profileDirectory: string | null = null,
): Promise<BenchServer> {
  const flags = profileDirectory ? ["--cpu-prof", "--cpu-prof-dir", profileDirectory] : [];
  const child = await start("servers/ours.ts", env, flags, { BENCH_SQLITE_URL: databaseUrl });
  const base = `${LOOPBACK}:${child.port}`;
  return {
    name: "ours",
    label: "ours",
    url: `ws://${base}/ws/liveview/{room}/`,
    origin: `http://${base}`,
    page: `http://${base}/counter`,
    child,
    pid: child.pid,
  };
}

/** Another server: each socket gets its own room in place of the one in `url`; the Origin is the page's. */
export function peerServer(url: string, page: string, pid: number | null): BenchServer {
  const perSocket = url.includes("{room}") ? url : url.replace(ROOM_PATH, "/ws/liveview/{room}/");
  return {
    name: "peer",
    label: new URL(page).host,
    url: perSocket,
    origin: new URL(page).origin,
    page,
    child: null,
    pid,
  };
}

export async function stopServer(server: BenchServer): Promise<void> {
  await server.child?.stop();
}
