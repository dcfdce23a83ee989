// A reconnect storm: N pages' sockets (the real client code) on our server; the server process is killed, a new one
// listens on the same port after a pause; when does each socket come back?

import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { installBrowserGlobals } from "./browser-globals.ts";
import { openClientSockets, type SocketModule } from "./client-sockets.ts";
import { Child } from "../children.ts";
import { spreadOf, type Spread } from "./spread.ts";

export interface StormOptions {
  sockets: number;
  /** How long no server listens. */
  pauseMs: number;
  databaseUrl: string;
  /** A fresh instance of client/src/socket.ts for page `i` (it is a module singleton: one socket per page). */
  load(i: number): Promise<SocketModule>;
  /** How long the sockets may take to open, at first and after the restart, before the run fails. */
  timeoutMs: number;
}

export interface StormResult {
  sockets: number;
  /** From the stop to the new server listening. */
  downMs: number;
  /** Upgrades the new server received, in ms after it listened. */
  spread: Spread;
  /** Connection attempts the pages made while no server listened (refused by the OS, never seen by a server). */
  attemptsWhileDown: number;
  /**
   * The pages' event loop delay from the stop until all were back (p99 and max, ms): all pages share one process
   * here, so a busy loop fires their timers late, and in step. Large values mean the spread is understated.
   */
  pageLagMs: { p99: number; max: number };
}

const NS_PER_MS = 1e6;
const LAG_RESOLUTION_MS = 10;

export async function reconnectStorm(options: StormOptions): Promise<StormResult> {
  const servers: Child[] = [];
  const start = async () => {
    const server = await Child.start({
      script: "reconnect/storm-server.ts",
      core: null,
      env: { STORM_DATABASE_URL: options.databaseUrl },
    });
    servers.push(server);
    return server;
  };
  const listen = (server: Child, port: number) => server.request({ type: "listen", port }, "listening");
  let globals: ReturnType<typeof installBrowserGlobals> | undefined;
  try {
    const first = await start();
    const { port } = await listen(first, 0);
    // Started now (it listens later), so that the pause is not lengthened by its start-up.
    const starting = start();
    globals = installBrowserGlobals(`http://127.0.0.1:${port}`);
    const pages = await openClientSockets(
      options.sockets,
      (i) => `ws://127.0.0.1:${port}/ws/liveview/storm-${i}/`,
      options.load,
    );
    await pages.allOpen(options.timeoutMs);
    const next = await starting;
    const attemptsBefore = globals.attempts();
    const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
    lag.enable();
    const downAt = Date.now();
    await first.kill(); // every socket drops at once
    await sleep(Math.max(0, options.pauseMs - (Date.now() - downAt)));
    const { at: backAt } = await listen(next, port);
    const attemptsWhileDown = globals.attempts() - attemptsBefore;
    await pages.allOpen(options.timeoutMs);
    lag.disable();
    const { times: upgrades } = await next.request({ type: "upgrades" }, "upgrades");
    return {
      sockets: options.sockets,
      downMs: backAt - downAt,
      spread: spreadOf(upgrades.map((t) => t - backAt)),
      attemptsWhileDown,
      pageLagMs: { p99: lag.percentile(99) / NS_PER_MS, max: lag.max / NS_PER_MS },
    };
  } finally {
    globals?.retire();
    await Promise.all(servers.map((s) => s.kill()));
  }
}
