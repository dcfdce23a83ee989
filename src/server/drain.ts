// Drain for deploys: the process stops taking sockets and connections, asks its sockets to reconnect (to another
// process) at random moments over LIVEVIEW_DRAIN_SPREAD_MS, each once its running handlers and the commits behind
// their replies are done, and then closes the app.

import type { Server } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { DRAIN_CLOSE_WAIT_MS, DRAIN_SETTLE_MAX_MS } from "../constants.ts";
import { CLOSE_SERVICE_RESTART } from "../protocol.ts";
import type { Consumer } from "../live/connection/consumer.ts";
import type { LiveEndpoint } from "../live/connection/endpoint.ts";

export interface DrainOptions {
  /** Sockets are closed at random moments over this long (default: LIVEVIEW_DRAIN_SPREAD_MS). */
  spreadMs?: number;
}

/**
 * Whatever a socket sends once its turn came runs nothing and gets no ack, so the client sends it again on its
 * next socket (the receipts skip what ran here). What the group sends meanwhile waits in the group's window. The
 * close code is 1012 (service restart): our client reconnects at once, with its last-seen group messages.
 */
export async function drainSockets(live: LiveEndpoint, servers: Server[], spreadMs: number): Promise<void> {
  live.draining = true;
  // New connections go to the other processes (node:cluster and a proxy stop sending them here).
  for (const server of servers) server.close();
  await Promise.all([...live.consumers].map((consumer) => moveOn(consumer, Math.random() * spreadMs)));
}

async function moveOn(consumer: Consumer, afterMs: number): Promise<void> {
  await delay(afterMs);
  await Promise.race([consumer.settle(), delay(DRAIN_SETTLE_MAX_MS, undefined, { ref: false })]);
  consumer.close(CLOSE_SERVICE_RESTART, "the server is restarting; reconnect");
  await Promise.race([consumer.closed(), delay(DRAIN_CLOSE_WAIT_MS, undefined, { ref: false })]);
}
