// `npm run clearsessions`: deletes expired sessions from the configured engine, as Django's command does.

import { createSessionStore } from "../session/engines/index.ts";
import { loadSettings } from "../settings.ts";

const store = createSessionStore(loadSettings());
const removed = await store.clearExpired();
await store.close();
console.log(`clearsessions: removed ${removed} expired session${removed === 1 ? "" : "s"}`);
