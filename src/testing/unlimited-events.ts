// For load tests and benchmarks: sockets in closed loops send far faster than a person, and the per-socket rate
// limit (LIVEVIEW_EVENTS_PER_SECOND) would measure itself instead of the server.

import type { Settings } from "../settings.ts";

const UNLIMITED = 1_000_000_000;

export const unlimitedEvents: Partial<Settings> = {
  LIVEVIEW_EVENTS_PER_SECOND: UNLIMITED,
  LIVEVIEW_EVENTS_BURST: UNLIMITED,
};

/** The same, as a server process's environment. */
export const unlimitedEventsEnv: Record<string, string> = {
  LIVEVIEW_EVENTS_PER_SECOND: String(UNLIMITED),
  LIVEVIEW_EVENTS_BURST: String(UNLIMITED),
};
