// What the WebSocket side needs from the application: sessions, groups, users, handlers and page views.

import type { UserStore } from "../auth/user-store.ts";
import type { Logger } from "../logger.ts";
import type { TemplateEnvironment } from "../templates/environment.ts";
import type { ChannelLayer } from "../channels/channel-layer.ts";
import type { Sessions } from "../session/sessions.ts";
import type { Settings } from "../settings.ts";
import type { Registry } from "./calls/registry.ts";
import type { Consumer } from "./connection/consumer.ts";
import type { SessionWatchers } from "./sync/session-watchers.ts";
import type { Uploads } from "../uploads/uploads.ts";
import type { Presence } from "./presence/presence.ts";

export interface LiveRuntime {
  settings: Settings;
  sessions: Sessions;
  channels: ChannelLayer;
  users: UserStore;
  registry: Registry;
  watchers: SessionWatchers;
  templates: TemplateEnvironment;
  logger: Logger;
  /** Uploads under way and finished (docs/guide/uploads.md). */
  uploads: Uploads;
  presence: Presence;
  /** The app's `onError`, told of every handler that failed. */
  onError: ((error: unknown, where: { handler: string }) => void) | null;
  /** Renders a GET view in process for SPA navigation; a redirect when the path is not a live route or not a page. */
  renderPage(
    consumer: Consumer,
    url: string,
  ): Promise<{ html: string; title: string | null; url: string } | { redirect: string }>;
}
