// One HTTP request: static files, then the routed view run with the request's session, then the cookie.

import type { IncomingMessage, ServerResponse } from "node:http";
import { userOf } from "../auth/login.ts";
import { CLIENT_BUNDLE_URL, STATIC_URL, UPLOAD_URL } from "../constants.ts";
import type { Session } from "../session/session.ts";
import { parseCookies, sessionCookie } from "../session/cookie.ts";
import { languageForRequest, withLanguage } from "../i18n/language.ts";
import type { App } from "./app.ts";
import { csrfValid } from "../session/csrf.ts";
import { errorResponse } from "./error-response.ts";
import { BodyTooLarge, buildRequest, readBody } from "./request.ts";
import { decodePathPart, requestUrl } from "./request-target.ts";
import { HttpResponse, text } from "./response.ts";
import { serveStatic } from "./static-files.ts";
import { handleUpload } from "./upload-endpoint.ts";

export async function handleRequest(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req.url);
  const method = req.method ?? "GET";
  // Upload chunks stream to disk: never read whole as a view's body is (see upload-endpoint.ts).
  if (url.pathname.startsWith(UPLOAD_URL)) return handleUpload(app, req, res, url);
  if (url.pathname.startsWith(STATIC_URL) && (method === "GET" || method === "HEAD")) {
    const relative = decodePathPart(url.pathname.slice(STATIC_URL.length));
    const dirs =
      url.pathname === CLIENT_BUNDLE_URL ? [app.clientDirectory, ...app.staticDirectories] : app.staticDirectories;
    const file = url.pathname === CLIENT_BUNDLE_URL ? "liveview.js" : relative;
    if (await serveStatic(dirs, file, res)) return;
    return write(res, text("Not found", 404));
  }
  let match = app.router.match(method, url.pathname);
  const notFoundPage = !match;
  if (!match) {
    const allowed = app.router.allows(url.pathname);
    if (allowed.length) return write(res, new HttpResponse("Method not allowed", 405, { Allow: allowed.join(", ") }));
    // The app's own page, when it has one, for a page a reader asked for; anything else gets the short answer.
    if (!app.notFound || (method !== "GET" && method !== "HEAD")) return write(res, text("Not found", 404));
    match = { view: app.notFound, params: {}, options: { live: false, csrfExempt: false } };
  }
  let body: Record<string, unknown>;
  try {
    body = await readBody(req);
  } catch (error) {
    return write(
      res,
      error instanceof BodyTooLarge ? text("Request body too large", 413) : text("Malformed request body", 400),
    );
  }
  const settings = app.settings;
  const cookies = parseCookies(req.headers.cookie);
  const cookieKey = cookies[settings.SESSION_COOKIE_NAME] ?? null;
  let outcome: { result: HttpResponse; session: Session };
  try {
    outcome = await app.sessions.run(
      cookieKey,
      async (session) => {
        const user = await userOf(session, app.users);
        const request = buildRequest(app, {
          method,
          url,
          headers: req.headers,
          cookies,
          body,
          session,
          user,
          live: false,
        });
        if (method === "POST" && !match.options.csrfExempt && !csrfValid(session, body, req.headers["x-csrftoken"])) {
          return text("CSRF verification failed: the form must carry the page's csrf_token", 403);
        }
        const language = languageForRequest(
          cookies[settings.LANGUAGE_COOKIE_NAME],
          String(req.headers["accept-language"] ?? ""),
        );
        const response = await withLanguage(language, () => app.runView(match, request));
        if (notFoundPage && response.status < 400) response.status = 404;
        // A page that loads the client must leave the browser holding the session its socket will use (a redirect
        // loads no page: after a logout it leaves the cookie expired).
        if (session.key === null && response.isHtml && response.status < 300) await session.save({ force: true });
        return response;
      },
      { forceSave: settings.SESSION_SAVE_EVERY_REQUEST },
    );
  } catch (error) {
    // The view failed: its changes are not saved, and the browser keeps the cookie it has.
    write(res, errorResponse(error, settings, app.logger));
    app.onError?.(error, { view: url.pathname });
    return;
  }
  const { result: response, session } = outcome;
  // The response may depend on saves not yet committed (group commit): it leaves once they are.
  try {
    await app.sessions.durable();
  } catch (error) {
    return write(res, errorResponse(error, settings, app.logger));
  }
  const key = session.key;
  if (key !== cookieKey || (key !== null && (settings.SESSION_SAVE_EVERY_REQUEST || session.written))) {
    response.headers["Set-Cookie"] = sessionCookie(key, settings);
  }
  write(res, response);
}

function write(res: ServerResponse, response: HttpResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}
