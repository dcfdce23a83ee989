// Replay of group messages: remembers the last numbered message seen per group, drops a copy of one already
// applied, and names those points when the socket reconnects, so the server sends what was missed meanwhile.

import { ACTION_RESYNC, GROUP_SEQ_KEY, RESUME_PARAM } from "../../src/protocol.ts";

const seen = new Map<string, [string, number]>();

/** False for a message already applied (same group and history, a number not above the last one seen). */
export function noteSequence(msg: object): boolean {
  const stamp = (msg as Record<string, unknown>)[GROUP_SEQ_KEY];
  if (!Array.isArray(stamp) || stamp.length !== 3) return true;
  const [group, epoch, n] = stamp as unknown[];
  if (typeof group !== "string" || typeof epoch !== "string" || typeof n !== "number") return true;
  const last = seen.get(group);
  if (last && last[0] === epoch && n <= last[1] && (msg as { action?: unknown }).action !== ACTION_RESYNC) return false;
  seen.set(group, [epoch, n]);
  return true;
}

/** The socket URL with the last-seen points; a first connection has none. */
export function withResume(url: string): string {
  if (seen.size === 0) return url;
  const resumed = new URL(url);
  resumed.searchParams.set(RESUME_PARAM, JSON.stringify(Object.fromEntries(seen)));
  return resumed.href;
}
