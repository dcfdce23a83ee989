// `npm run bench -- --reconnect`: the reconnect storm as a section of the benchmark, with the real client code.

import { STORM_PAGES, STORM_PAUSE_MS, STORM_TIMEOUT_MS } from "../constants.ts";
import { loadClientPage } from "./client-page.ts";
import { describeSpread, histogram } from "./spread.ts";
import { reconnectStorm, type StormResult } from "./storm.ts";

export async function measureReconnect(databaseUrl: string, log: (line: string) => void): Promise<StormResult> {
  log(
    `\nReconnect storm: ${STORM_PAGES.toLocaleString("en-US")} pages (the browser client's socket code) on ours; the server is killed and a new one listens ${STORM_PAUSE_MS / 1000} s later...`,
  );
  return reconnectStorm({
    sockets: STORM_PAGES,
    pauseMs: STORM_PAUSE_MS,
    databaseUrl,
    timeoutMs: STORM_TIMEOUT_MS,
    load: loadClientPage,
  });
}

export function reconnectReport(result: StormResult): string {
  return [
    `Reconnect storm: ${result.sockets} pages, server down ${result.downMs} ms, ${result.attemptsWhileDown} refused attempts meanwhile; ` +
      `pages' event loop delay p99 ${Math.round(result.pageLagMs.p99)} ms (large values compress the spread)`,
    describeSpread(result.spread),
    histogram(result.spread),
  ].join("\n");
}
