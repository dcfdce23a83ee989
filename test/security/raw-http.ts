// Sends raw bytes to an HTTP server and reads one answer: for requests that fetch() would refuse to send or repair.

import { connect, type Socket } from "node:net";

export interface RawAnswer {
  /** 0 when the server closed the connection without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection after (or instead of) its answer. */
  closed: boolean;
}

/** A chunked body decoded, or null while its last chunk has not arrived. */
function unchunk(raw: Buffer): string | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf("\r\n", at);
    if (lineEnd < 0) return null;
    const size = parseInt(raw.subarray(at, lineEnd).toString("latin1"), 16);
    if (Number.isNaN(size)) return raw.toString("utf8");
    if (size === 0) return Buffer.concat(parts).toString("utf8");
    if (raw.length < lineEnd + 2 + size + 2) return null;
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** Parses the first complete answer in `data`, or null while it is incomplete. */
function parse(data: Buffer, closed: boolean): RawAnswer | null {
  const end = data.indexOf("\r\n\r\n");
  if (end < 0) return closed ? { status: 0, headers: {}, body: data.toString("latin1"), closed } : null;
  const [statusLine, ...lines] = data.subarray(0, end).toString("latin1").split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "")?.[1] ?? 0);
  const raw = data.subarray(end + 4);
  let body: string | null;
  if (headers["transfer-encoding"] === "chunked") body = unchunk(raw);
  else if (headers["content-length"] !== undefined) {
    const length = Number(headers["content-length"]);
    body = raw.length >= length ? raw.subarray(0, length).toString("utf8") : null;
  } else body = closed ? raw.toString("utf8") : null;
  if (body === null) return closed ? { status: 0, headers, body: raw.toString("utf8"), closed } : null;
  // An answer that announces the close is complete once the server has closed.
  if (headers.connection === "close" && !closed) return null;
  return { status, headers, body, closed };
}

/** Writes `request` as is and resolves with the server's first answer; the connection is then dropped. */
export function rawRequest(
  port: number,
  request: string | Buffer,
  options: { keep?: (socket: Socket) => void } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1" });
    let data = Buffer.alloc(0);
    let done = false;
    const finish = (answer: RawAnswer | null) => {
      if (!answer || done) return;
      done = true;
      if (options.keep) options.keep(socket);
      else socket.destroy();
      resolve(answer);
    };
    socket.on("data", (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      finish(parse(data, false));
    });
    socket.on("close", () => finish(parse(data, true) ?? { status: 0, headers: {}, body: "", closed: true }));
    socket.on("error", (error: NodeJS.ErrnoException) => {
      // A reset after the answer was read is the server closing; before it, the test's failure.
      if (error.code === "ECONNRESET" || error.code === "EPIPE")
        finish(parse(data, true) ?? { status: 0, headers: {}, body: "", closed: true });
      else reject(error);
    });
    socket.write(request);
  });
}

/** A GET of `target` as written (no normalisation), with a Host header. */
export function rawGet(port: number, target: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const lines = [
    `GET ${target} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    "Connection: close",
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return rawRequest(port, lines.join("\r\n") + "\r\n\r\n");
}
