// `liveview-node clearsessions`: deletes expired sessions from the configured engine, as Django's command does.

import { createSessionStore } from "../session/engines/index.ts";
import { loadSettings } from "../settings.ts";

export async function clearSessions(): Promise<string> {
  const store = createSessionStore(loadSettings());
  try {
    const removed = await store.clearExpired();
    return `clearsessions: removed ${removed} expired session${removed === 1 ? "" : "s"}`;
  } finally {
    await store.close();
  }
}
