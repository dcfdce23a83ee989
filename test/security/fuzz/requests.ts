// Random HTTP requests for the fuzz tests, as raw bytes: odd paths and escapes, methods, headers, cookies and bodies.

import fc from "fast-check";

/** Characters a path is made of: the ones that break decoders and routers more often than letters do. */
const PATH_CHARS = [
  ..."abcz09-._~/%?#&=+;:@!$'()*,[]\\\"<>{}|^`",
  "%00",
  "%2F",
  "%2e%2e",
  "%E0%A4%A",
  "%C0%80",
  "%FF",
  "%",
  "%%",
  "..",
  "//",
  "\u00e9",
  "\u{1F600}",
];
const PREFIXES = [
  "/",
  "/static/",
  "/static/liveview/",
  "/items/",
  "/echo",
  "/form",
  "/ws/liveview/",
  "//",
  "http://[",
  "*",
  "",
];
const path = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.array(fc.constantFrom(...PATH_CHARS), { maxLength: 30 }))
  .map(([p, parts]) => p + parts.join(""));

const method = fc.constantFrom("GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "get", "FOO", "CONNECT");
/** Header names the framing depends on are left to the generator of the request itself. */
const FRAMING = new Set(["content-length", "transfer-encoding", "connection", "host", "expect", "upgrade"]);
const headerName = fc
  .string({ unit: fc.constantFrom(..."abcdefxyzABC-_0123456789!#$%&'*+.^`|~"), minLength: 1, maxLength: 20 })
  .filter((n) => !FRAMING.has(n.toLowerCase()));
/** Printable ASCII and latin-1 bytes, never CR or LF (which would end the header rather than test it). */
const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c === 0x7f ? 0x20 : c)),
  maxLength: 200,
});
const cookie = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abAB09=;" %,\\-_'), maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(..."abAB09-_"), minLength: 32, maxLength: 32 }).map((k) => `sessionid=${k}`),
  fc.constantFrom("sessionid=", "sessionid=%E0%A4%A", "=;=;", 'sessionid="x', "csrftoken=x; sessionid=y; sessionid=z"),
);
const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/x-www-form-urlencoded",
  "text/plain",
  "multipart/form-data; boundary=x",
  "",
  "application/jsonx",
];
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(
    "{",
    "[1,",
    '{"__proto__":{"polluted":1}}',
    "a=%E0%A4%A&b=%zz&&=&c",
    '"just a string"',
    "null",
    "1e309",
  ),
  fc.string({ unit: "binary", maxLength: 200 }),
);

export const request = fc
  .record({
    method,
    path,
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }),
    cookie: fc.option(cookie),
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES)),
    body: fc.option(body),
    chunked: fc.boolean(),
    websocket: fc.option(fc.constantFrom("http://evil.example", "null", "", "http://127.0.0.1")),
  })
  .map((r) => (port: number): Buffer => {
    const payload = Buffer.from(r.body ?? "", "utf8");
    const lines = [`${r.method} ${r.path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, "Connection: close"];
    for (const [name, value] of r.headers) lines.push(`${name}: ${value}`);
    if (r.cookie !== null) lines.push(`Cookie: ${r.cookie}`);
    if (r.contentType !== null) lines.push(`Content-Type: ${r.contentType}`);
    if (r.websocket !== null)
      lines.push(
        "Upgrade: websocket",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        `Origin: ${r.websocket}`,
      );
    if (r.body !== null && r.chunked) {
      lines.push("Transfer-Encoding: chunked");
      return Buffer.concat([
        Buffer.from(lines.join("\r\n") + "\r\n\r\n" + payload.length.toString(16) + "\r\n", "latin1"),
        payload,
        Buffer.from("\r\n0\r\n\r\n"),
      ]);
    }
    if (r.body !== null) lines.push(`Content-Length: ${payload.length}`);
    return Buffer.concat([Buffer.from(lines.join("\r\n") + "\r\n\r\n", "latin1"), payload]);
  });
