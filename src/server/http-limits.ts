// The limits of the HTTP server the app runs itself: timeouts that keep a slow client (slowloris) from holding a
// connection, and a clear 4xx, with what is wrong, for a request node:http's parser refuses.

import { createServer, type RequestListener, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { HTTP_TIMEOUT_CHECK_MS } from "../constants.ts";
import { answerAndClose } from "../live/connection/answer-and-close.ts";
import type { Settings } from "../settings.ts";

/** node:http's error codes for requests it cannot read, and what the client is told. */
const PARSER_ERRORS: Record<string, [status: number, reason: string, detail: string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout", "the request did not arrive in time"],
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large", "the request's headers are too large"],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, "Payload Too Large", "the request's chunk extensions are too large"],
};

export function createHttpServer(settings: Settings, handler: RequestListener): Server {
  const server = createServer(
    {
      headersTimeout: settings.LIVEVIEW_HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: settings.LIVEVIEW_HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeout: settings.LIVEVIEW_HTTP_KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: HTTP_TIMEOUT_CHECK_MS,
    },
    handler,
  );
  server.on("clientError", answerClientError);
  return server;
}

/** Like node's own answer (400, 408 or 431 and close), with a line saying what was wrong. */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A response already under way on this connection (a timeout mid-body) cannot be followed by another one.
  const inProgress = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (error.code === "ECONNRESET" || !socket.writable || inProgress) {
    socket.destroy();
    return;
  }
  const [status, reason, detail] = PARSER_ERRORS[error.code ?? ""] ?? [
    400,
    "Bad Request",
    `the request is not valid HTTP (${error.code ?? error.message})`,
  ];
  answerAndClose(socket, status, reason, `${reason}: ${detail}.`);
}
