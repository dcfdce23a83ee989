// Writes a plain-text HTTP answer on a raw socket (a refused upgrade, a request node:http could not parse) and then
// really closes the connection, whatever the peer does.

import type { Duplex } from "node:stream";
import { REFUSED_UPGRADE_CLOSE_MS } from "../../constants.ts";

/**
 * `end` alone only half-closes the connection: node:http allows half-open sockets, so a peer that never closes its
 * side would keep our descriptor for ever. The socket is destroyed once the answer is flushed, or after
 * REFUSED_UPGRADE_CLOSE_MS if the peer does not read it.
 */
export function answerAndClose(socket: Duplex, status: number, reason: string, detail: string): void {
  const cut = setTimeout(() => socket.destroy(), REFUSED_UPGRADE_CLOSE_MS);
  cut.unref();
  socket.once("close", () => clearTimeout(cut));
  socket.once("finish", () => socket.destroy());
  socket.on("error", () => undefined); // a peer that resets mid-answer: nothing left to tell it
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n` +
      `Content-Length: ${Buffer.byteLength(detail)}\r\n\r\n${detail}`,
  );
}
