// The public API, and nothing else.

export { App, createApp, type AppOptions } from "./server/app.ts";
export { render } from "./server/render.ts";
export { HttpResponse, html, json, redirect, text } from "./server/response.ts";
export type { Request } from "./server/request.ts";
export type { View, RouteOptions } from "./server/router.ts";

export { liveviewHandler, liveviewMiddleware, onSessionChange, Registry, registry } from "./live/registry.ts";
export type { Handler, HandlerOptions, Middleware, SessionReaction } from "./live/registry.ts";
export { authorize, type Access, type Permission } from "./live/authorize.ts";
export { send, type SendOptions } from "./live/send.ts";
export type { Consumer } from "./live/consumer.ts";
export type { Content } from "./live/content.ts";
export type { Scope } from "./live/scope.ts";

export { Session } from "./session/session.ts";
export type { SessionStore, StoredSession, SessionChanges } from "./session/session-store.ts";
export type { SessionLock } from "./session/session-lock.ts";
export type { ChannelLayer } from "./channels/channel-layer.ts";
export { createDeployment, type Deployment, type DeploymentOptions } from "./server/deployment.ts";

export { renderToString, templates, TemplateEnvironment } from "./templates/environment.ts";
export { markSafe, SafeString } from "./templates/safe.ts";
export { TemplateDoesNotExist, TemplateSyntaxError } from "./templates/errors.ts";
export { Library } from "./templates/library.ts";
export { gettext, ngettext, pgettext, npgettext, interpolate, activeLanguage, withLanguage, loadCatalogs, addCatalog } from "./i18n/index.ts";
export { escapeHtml } from "./templates/safe.ts";
export { defineForm, Form, type BoundField } from "./forms/form.ts";
export { login, logout } from "./auth/login.ts";
export type { User, AnonymousUser, AnyUser } from "./auth/user.ts";
export type { UserStore } from "./auth/user-store.ts";

export { loadSettings, defaultSettings, type Settings } from "./settings.ts";
export { LiveViewError } from "./errors.ts";
export type { Json, JsonObject } from "./json.ts";
export { TestClient } from "./testing/test-client.ts";
export { LiveClient } from "./testing/live-client.ts";
export { pageToken } from "./testing/page-token.ts";
export { unlimitedEvents, unlimitedEventsEnv } from "./testing/unlimited-events.ts";
export { openSqlite } from "./db/sqlite.ts";
