// The browser client's reconnect backoff on virtual time: the real client code (one module instance per page)
// against a server that stops and comes back, with no CPU or network noise in the timings. It measures the backoff
// alone, exactly; reconnect-storm.test.ts measures the same with real sockets and a real server restart.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it, vi } from "vitest";
import type { SocketModule } from "../../bench/reconnect/client-sockets.ts";
import { describeSpread, histogram, spreadOf } from "../../bench/reconnect/spread.ts";
import { VirtualClock } from "./virtual-clock.ts";
import { VirtualServer } from "./virtual-server.ts";

const PAGES = 1000;
/** A connection attempt's round trip on a LAN: refused or accepted this long after it starts. */
const ROUND_TRIP_MS = 5;
/** The client's largest delay (RECONNECT_MAX_MS) bounds how long the last page waits once the server is back. */
const ALL_BACK_WITHIN_MS = 5000 + ROUND_TRIP_MS;
/** At most this share may come back within any one second. */
const BUSIEST_SECOND_SHARE = 0.5;
const SOCKET_MODULE = join(dirname(fileURLToPath(import.meta.url)), "../../client/src/socket.ts");

afterEach(() => vi.unstubAllGlobals());

/** PAGES pages open on a virtual server; the client's timers run on the clock. */
async function openPages(): Promise<VirtualServer> {
  const clock = new VirtualClock();
  const server = new VirtualServer(clock, ROUND_TRIP_MS);
  vi.stubGlobal("WebSocket", server.socketClass());
  vi.stubGlobal("location", { protocol: "http:", host: "127.0.0.1", reload: () => undefined });
  vi.stubGlobal("addEventListener", () => undefined);
  const pages: SocketModule[] = [];
  for (let i = 0; i < PAGES; i++) {
    vi.resetModules();
    pages.push((await import(/* @vite-ignore */ SOCKET_MODULE)) as SocketModule);
  }
  // The client looks its timers up when it sets them: from here on they are the clock's.
  vi.stubGlobal("setTimeout", clock.setTimeout);
  vi.stubGlobal("clearTimeout", clock.clearTimeout);
  pages.forEach((page, i) =>
    page.connect(`ws://127.0.0.1/ws/liveview/page-${i}/`, { message: () => undefined, state: () => undefined }),
  );
  clock.advance(ROUND_TRIP_MS);
  return server;
}

it.each([1000, 3000])(
  `spreads ${PAGES} pages' reconnections over seconds after the server was down %i ms`,
  async (downMs) => {
    const server = await openPages();
    expect(server.open.size).toBe(PAGES);
    server.stop();
    server.clock.advance(downMs);
    expect(server.open.size).toBe(0);
    server.up = true;
    const backAt = server.clock.now;
    server.accepted.length = 0;
    server.clock.advance(ALL_BACK_WITHIN_MS);

    const spread = spreadOf(server.accepted.map((t) => t - backAt));
    console.log(
      `Reconnect spread on virtual time, server down ${downMs} ms: ${describeSpread(spread)}\n${histogram(spread)}`,
    );
    expect(server.open.size).toBe(PAGES); // all back within the bound
    expect(spread.count).toBe(PAGES); // each once
    expect(spread.busiestWindow).toBeLessThan(PAGES * BUSIEST_SECOND_SHARE);
  },
);
