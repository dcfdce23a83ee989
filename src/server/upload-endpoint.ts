// The HTTP side of uploads, at `/liveview/uploads/<id>`: PUT a chunk at `?offset=`, GET where an upload stands,
// DELETE to cancel. Each request carries the upload's token (a header) and the session's cookie.

import type { IncomingMessage, ServerResponse } from "node:http";
import { UPLOAD_URL } from "../constants.ts";
import { errorKind, LiveViewError } from "../errors.ts";
import { UPLOAD_OFFSET_HEADER, UPLOAD_OFFSET_PARAM, UPLOAD_TOKEN_HEADER } from "../protocol.ts";
import { parseCookies } from "../session/cookie.ts";
import type { UploadStatus } from "../uploads/uploads.ts";
import type { App } from "./app.ts";

export async function handleUpload(app: App, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const id = url.pathname.slice(UPLOAD_URL.length);
  const token = req.headers[UPLOAD_TOKEN_HEADER];
  const sessionKey = parseCookies(req.headers.cookie)[app.settings.SESSION_COOKIE_NAME] ?? null;
  try {
    switch (req.method) {
      case "PUT": {
        const offset = Number(url.searchParams.get(UPLOAD_OFFSET_PARAM));
        if (!Number.isSafeInteger(offset) || offset < 0)
          throw new LiveViewError("upload_offset", `the chunk needs ?${UPLOAD_OFFSET_PARAM}=<first byte>`);
        return answer(res, 200, await app.uploads.receive(id, token, sessionKey, offset, req));
      }
      case "GET":
        return answer(res, 200, await app.uploads.status(id, token, sessionKey));
      case "DELETE":
        await app.uploads.cancel(id, token, sessionKey);
        return answer(res, 200, { cancelled: id });
      default:
        res.writeHead(405, { Allow: "PUT, GET, DELETE", "Content-Type": "text/plain" }).end("Method not allowed");
    }
  } catch (error) {
    refuse(app, req, res, error);
  }
}

function answer(res: ServerResponse, status: number, body: UploadStatus | { cancelled: string }): void {
  const headers: Record<string, string> = { "Content-Type": "application/json", "Cache-Control": "no-store" };
  if ("offset" in body) headers[UPLOAD_OFFSET_HEADER] = String(body.offset);
  res.writeHead(status, headers).end(JSON.stringify(body));
}

/**
 * A refused or failed request: its code, its reason, and for an offset error where to continue. The connection
 * closes after the answer, so a body still arriving is not read (nor written anywhere).
 */
function refuse(app: App, req: IncomingMessage, res: ServerResponse, error: unknown): void {
  const known = error instanceof LiveViewError;
  // A connection that dropped mid-chunk is the network's doing, and the client resumes: nothing to log.
  if (!known && (req.socket.destroyed || (error as NodeJS.ErrnoException).code === "ECONNRESET")) return;
  if (!known) app.logger.error("liveview: an upload request failed", error);
  else if (!errorKind(error.code).quiet) app.logger.error(`liveview: an upload request failed: ${error.message}`);
  if (res.headersSent || res.destroyed) return;
  const code = known ? error.code : "upload_failed";
  const message = known ? error.message : "the server could not write this chunk; try again";
  const offset = (error as { offset?: unknown }).offset;
  const headers: Record<string, string> = { "Content-Type": "application/json", Connection: "close" };
  if (typeof offset === "number") headers[UPLOAD_OFFSET_HEADER] = String(offset);
  res
    .writeHead(errorKind(code).status, headers)
    .end(JSON.stringify({ error: message, code, ...(typeof offset === "number" ? { offset } : {}) }));
  if (!req.complete) req.resume();
}
