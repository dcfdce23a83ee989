// What the WebSocket side needs from the application: sessions, groups, users, handlers and page views.

import type { UserStore } from "../auth/user-store.ts";
import type { ChannelLayer } from "../channels/channel-layer.ts";
import type { Sessions } from "../session/sessions.ts";
import type { Settings } from "../settings.ts";
import type { Registry } from "./registry.ts";
import type { Consumer } from "./consumer.ts";
import type { SessionWatchers } from "./session-watchers.ts";

export interface LiveRuntime {
  settings: Settings;
  sessions: Sessions;
  channels: ChannelLayer;
  users: UserStore;
  registry: Registry;
  watchers: SessionWatchers;
  /** Renders a GET view in process for SPA navigation; null when the path is not a live route. */
  renderPage(consumer: Consumer, url: string): Promise<{ html: string; title: string | null; url: string } | { redirect: string }>;
}
