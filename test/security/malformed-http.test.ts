// Malformed URLs, path escapes, headers, cookies and bodies are answered 4xx with what is wrong, never 500; slow
// clients are cut by the HTTP timeouts; the server goes on serving and logs no stack for a client's mistake.

import { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, Registry, type Logger } from "../../src/index.ts";
import { serve, tempDatabaseUrl, type Running } from "../helpers.ts";
import { rawGet, rawRequest } from "./raw-http.ts";

/** Short enough that a test sees the cut; the defaults are 10 s, 30 s and 5 s. */
const HEADERS_TIMEOUT_MS = 500;
const REQUEST_TIMEOUT_MS = 800;
const KEEP_ALIVE_TIMEOUT_MS = 300;
/** Larger than node:http's 16 KiB header limit. */
const OVERSIZED_HEADER_BYTES = 20_000;

const logged: string[] = [];
const logger: Logger = {
  info: () => undefined,
  warn: (message) => logged.push(`warn ${message}`),
  error: (message, ...details) => logged.push(`error ${message} ${details.map(String).join(" ")}`),
};

let running: Running;
let port: number;

beforeAll(async () => {
  const app = createApp({
    registry: new Registry(),
    logger,
    settings: {
      DATABASE_URL: tempDatabaseUrl(),
      LIVEVIEW_HTTP_HEADERS_TIMEOUT_MS: HEADERS_TIMEOUT_MS,
      LIVEVIEW_HTTP_REQUEST_TIMEOUT_MS: REQUEST_TIMEOUT_MS,
      LIVEVIEW_HTTP_KEEP_ALIVE_TIMEOUT_MS: KEEP_ALIVE_TIMEOUT_MS,
    },
  });
  app.get("/items/:id", (_request, params) => `item ${params.id}`);
  app.post("/echo", (request) => `fields ${Object.keys(request.body).length}`, { csrfExempt: true });
  app.get("/", () => "home");
  running = await serve(app);
  port = Number(new URL(running.baseUrl).port);
});
afterAll(() => running?.close());

describe("malformed requests", () => {
  it("answers a malformed percent escape in a static path or a route parameter with 400, saying so", async () => {
    for (const target of ["/static/%E0%A4%A", "/static/%", "/items/%zz", "/items/%C0%80"]) {
      const answer = await rawGet(port, target);
      expect([answer.status, answer.body], target).toEqual([
        400,
        "Request failed: the URL's path has a malformed percent escape",
      ]);
    }
  });

  it("answers a request target that is no URL with 400", async () => {
    for (const target of ["//[", "http://[", "//a:b@[::1"]) {
      const answer = await rawGet(port, target);
      expect([answer.status, answer.body], target).toEqual([400, "Request failed: the request's URL is malformed"]);
    }
  });

  it("answers what node's parser refuses with a 4xx and a line saying what is wrong", async () => {
    const badLine = await rawRequest(port, "GET / HTTP/9.9\r\nHost: x\r\n\r\n");
    expect(badLine.status).toBe(400);
    expect(badLine.body).toMatch(/^Bad Request: the request is not valid HTTP \(HPE_\w+\)\.$/);
    const badHeader = await rawRequest(port, "GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n");
    expect(badHeader.status).toBe(400);
    const huge = await rawGet(port, "/", { "X-Padding": "a".repeat(OVERSIZED_HEADER_BYTES) });
    expect([huge.status, huge.body]).toEqual([
      431,
      "Request Header Fields Too Large: the request's headers are too large.",
    ]);
    const badLength = await rawRequest(
      port,
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
    );
    expect(badLength.status).toBe(400);
  });

  it("answers broken bodies with 400 and takes odd cookies as no session", async () => {
    const body = "{not json";
    const broken = await rawRequest(
      port,
      `POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    expect([broken.status, broken.body]).toEqual([400, "Malformed request body"]);
    const form = "a=%E0%A4%A&b=%zz&&=&c";
    const odd = await rawRequest(
      port,
      `POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length}\r\n\r\n${form}`,
    );
    expect([odd.status, odd.body]).toEqual([200, "fields 4"]);
    for (const cookie of [
      "sessionid=%E0%A4%A",
      'sessionid="unterminated',
      "=;;=;sessionid",
      "sessionid=" + "A".repeat(32) + "; sessionid=x",
    ]) {
      const answer = await rawGet(port, "/", { Cookie: cookie });
      expect([answer.status, answer.body], cookie).toEqual([200, "home"]);
    }
  });

  it("refuses an upgrade whose target is no URL without bringing the process down", async () => {
    for (const target of ["//[", "/ws/liveview/%zz/"]) {
      const answer = await rawRequest(
        port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1:${port}\r\n\r\n`,
      );
      expect(answer.status === 0 || answer.status === 400, `${target}: ${answer.status}`).toBe(true);
      expect(answer.closed).toBe(true);
    }
    expect((await rawGet(port, "/")).status).toBe(200);
  });

  it("logs none of the client's mistakes as the server's errors, and goes on serving", async () => {
    expect(logged).toEqual([]);
    expect((await running.client().get("/items/7")).text).toBe("item 7");
  });
});

describe("HTTP timeouts", () => {
  it("cuts a client that sends its headers too slowly (slowloris) with 408", async () => {
    // Half a request line and one header, then nothing: the server must not wait for the rest.
    const answer = await rawRequest(port, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    expect([answer.status, answer.closed]).toEqual([408, true]);
    expect(answer.body).toBe("Request Timeout: the request did not arrive in time.");
  });

  it("cuts a client that never finishes its body", async () => {
    const answer = await rawRequest(
      port,
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly part",
    );
    expect(answer.status).toBe(408);
    expect(answer.closed).toBe(true);
  });

  // Bounded below node's own default keep-alive timeout (5 s), which would also end it, later.
  it("closes an idle keep-alive connection", { timeout: KEEP_ALIVE_TIMEOUT_MS * 10 }, async () => {
    let socket: Socket | undefined;
    const answer = await rawRequest(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", { keep: (s) => (socket = s) });
    expect(answer.status).toBe(200);
    // The server, not the client, ends the idle connection: the close comes without anything more being sent.
    await new Promise<void>((resolve) => socket!.once("close", () => resolve()));
    expect(socket!.destroyed).toBe(true);
  });
});
