// The package's main entry: what an app is written with. Testing is `liveview-node/testing`; the parts of a
// deployment (stores, locks, channel layers) are `liveview-node/deployment`.

export { App, createApp, type AppOptions, type ErrorListener } from "./server/app.ts";
export { render } from "./server/render.ts";
export { HttpResponse, html, json, redirect, text } from "./server/response.ts";
export type { Request } from "./server/request.ts";
export type { View, RouteOptions } from "./server/router.ts";

export {
  liveviewHandler,
  liveviewMiddleware,
  liveviewUpload,
  onSessionChange,
  Registry,
  registry,
} from "./live/calls/registry.ts";
export type { Handler, HandlerOptions, HandlerRef, Middleware, SessionReaction } from "./live/calls/registry.ts";
export { authorize, type Access, type Permission } from "./live/calls/authorize.ts";
export { send, type SendOptions } from "./live/calls/send.ts";
export { track, untrack, listPresence } from "./live/presence/track.ts";
export type { PresenceDiffHandler } from "./live/presence/presence.ts";
export type { PresenceDiff, PresenceEntries, PresenceStore } from "./live/presence/presence-store.ts";
export type { Consumer } from "./live/connection/consumer.ts";
export type { Content } from "./live/calls/content.ts";
export type { Scope } from "./live/connection/scope.ts";
export { takeUploads } from "./live/uploads/take-uploads.ts";
export { uploadError } from "./live/uploads/upload-calls.ts";
export type { UploadedFile } from "./uploads/uploaded-file.ts";
export type { UploadOptions } from "./uploads/upload-rule.ts";
export type { UploadStore, StoredFileInfo } from "./uploads/upload-store.ts";

export { Session } from "./session/session.ts";
export { renderToString, templates, TemplateEnvironment } from "./templates/environment.ts";
export { escapeHtml, markSafe, SafeString } from "./templates/safe.ts";
export { TemplateDoesNotExist, TemplateSyntaxError } from "./templates/errors.ts";
export { Library } from "./templates/library.ts";
export {
  gettext,
  ngettext,
  pgettext,
  npgettext,
  interpolate,
  activeLanguage,
  withLanguage,
  loadCatalogs,
  addCatalog,
} from "./i18n/index.ts";
export { supportedLanguage } from "./i18n/language.ts";
export { defineForm, Form, type BoundField } from "./forms/form.ts";
export { checkedFormId } from "./forms/form-id.ts";
export { login, logout } from "./auth/login.ts";
export type { User, AnonymousUser, AnyUser } from "./auth/user.ts";

export { loadSettings, defaultSettings, type Settings } from "./settings.ts";
export { LiveViewError, type ErrorCode } from "./errors.ts";
export type { Logger } from "./logger.ts";
export type { Json, JsonObject } from "./json.ts";
