// Idle sockets for the memory measurement: opened, held without traffic, closed on request.

import type { WebSocket } from "ws";
import { CLOSE_TIMEOUT_MS } from "../constants.ts";
import type { IdleJob } from "../ipc.ts";
import { closeSockets, newRoom, openSockets } from "./connect.ts";

let held: WebSocket[] = [];

export async function openIdle(job: IdleJob): Promise<number> {
  const rooms = job.visits.map(newRoom);
  held.push(...(await openSockets(job, rooms)));
  return held.length;
}

export async function closeIdle(): Promise<void> {
  const sockets = held;
  held = [];
  await closeSockets(sockets, CLOSE_TIMEOUT_MS);
}
