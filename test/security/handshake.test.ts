// Attacks on the socket handshake: foreign and lookalike origins, DNS rebinding, and a cookie without its page's token.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { type Settings } from "../../src/index.ts";
import { LiveClient, pageToken } from "../../src/testing/index.ts";
import { startSeed, type Running } from "../helpers.ts";

/** The HTTP status of an upgrade to `base` with these headers: 101 when a socket opened. */
function upgradeStatus(base: string, headers: Record<string, string>): Promise<number> {
  const ws = new WebSocket(base.replace("http", "ws") + "/ws/liveview/room1/", { headers });
  return new Promise((resolve) => {
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("open", () => {
      ws.close();
      resolve(101);
    });
    ws.once("error", () => undefined);
  });
}

function withServer(settings: Partial<Settings>): { readonly seed: Running } {
  const env = {} as { seed: Running };
  beforeAll(async () => {
    env.seed = await startSeed({ settings });
  });
  afterAll(() => env.seed?.close());
  return env;
}

describe("Origin, with the default settings", () => {
  const env = withServer({});
  const port = () => new URL(env.seed.baseUrl).port;

  it("accepts the page's own origin", async () => {
    expect(await upgradeStatus(env.seed.baseUrl, { Origin: env.seed.baseUrl })).toBe(101);
  });

  it("refuses another port, another scheme or another allowed host of the same machine", async () => {
    for (const origin of [
      `http://127.0.0.1:${Number(port()) + 1}`,
      `https://127.0.0.1:${port()}`,
      `http://localhost:${port()}`,
      "http://127.0.0.1",
    ]) {
      expect(await upgradeStatus(env.seed.baseUrl, { Origin: origin }), origin).toBe(403);
    }
  });

  it("refuses lookalike hosts and origins that are not plain scheme://host:port", async () => {
    const lookalikes = [
      `http://127.0.0.1.evil.example:${port()}`,
      `http://evil127.0.0.1:${port()}`,
      `http://localhost.evil.example:${port()}`,
      `http://user@127.0.0.1:${port()}`,
      `http://127.0.0.1:${port()}/path`,
      `ws://127.0.0.1:${port()}`,
      "null",
      "",
    ];
    for (const origin of lookalikes)
      expect(await upgradeStatus(env.seed.baseUrl, { Origin: origin }), origin).toBe(403);
  });

  it("refuses a missing Origin", async () => {
    expect(await upgradeStatus(env.seed.baseUrl, {})).toBe(403);
  });

  it("refuses DNS rebinding: a foreign name that resolves here is not an allowed host", async () => {
    const rebound = `http://rebind.evil.example:${port()}`;
    expect(await upgradeStatus(env.seed.baseUrl, { Origin: rebound, Host: `rebind.evil.example:${port()}` })).toBe(403);
  });
});

describe("Origin, with subdomains, trusted origins and a proxy", () => {
  const env = withServer({
    ALLOWED_HOSTS: ["127.0.0.1", ".example.test"],
    CSRF_TRUSTED_ORIGINS: ["https://app.other.test", "https://.partner.test:8443"],
    SECURE_PROXY_SSL_HEADER: "X-Forwarded-Proto",
  });
  const status = (origin: string, host?: string, headers: Record<string, string> = {}) =>
    upgradeStatus(env.seed.baseUrl, { Origin: origin, ...(host ? { Host: host } : {}), ...headers });

  it("accepts a subdomain's own page only through the .example.test entry, never a lookalike", async () => {
    expect(await status("http://app.example.test", "app.example.test")).toBe(101);
    expect(await status("http://example.test", "example.test")).toBe(101);
    expect(await status("http://badexample.test", "badexample.test")).toBe(403);
    expect(await status("http://example.test.evil.example", "example.test.evil.example")).toBe(403);
  });

  it("accepts listed foreign origins exactly: scheme, host and port", async () => {
    expect(await status("https://app.other.test")).toBe(101);
    expect(await status("http://app.other.test")).toBe(403);
    expect(await status("https://app.other.test:444")).toBe(403);
    expect(await status("https://x.app.other.test")).toBe(403);
    expect(await status("https://a.partner.test:8443")).toBe(101);
    expect(await status("https://partner.test:8443")).toBe(101);
    expect(await status("https://a.partner.test")).toBe(403);
    expect(await status("https://evilpartner.test:8443")).toBe(403);
  });

  it("takes the scheme from the proxy's header only when it names https", async () => {
    const own = env.seed.baseUrl.replace("http:", "https:");
    expect(await status(own, undefined, { "X-Forwarded-Proto": "https" })).toBe(101);
    expect(await status(own, undefined, { "X-Forwarded-Proto": "http" })).toBe(403);
    expect(await status(own)).toBe(403);
  });
});

describe("Origin, for non-browser clients", () => {
  const env = withServer({ LIVEVIEW_ALLOW_MISSING_ORIGIN: true });
  it("accepts a missing Origin when allowed, and still refuses a foreign one", async () => {
    expect(await upgradeStatus(env.seed.baseUrl, {})).toBe(101);
    expect(await upgradeStatus(env.seed.baseUrl, { Origin: "http://evil.example" })).toBe(403);
  });
});

describe("the page's token", () => {
  // Relaxed Origin rules, as a deployment that trusts a partner site might have: the token still protects the session.
  const env = withServer({ CSRF_TRUSTED_ORIGINS: ["http://partner.example"] });

  /** A browser whose session holds counter 41, with the cookie and a token from its page. */
  async function victim(): Promise<{ cookie: string; token: string; key: string }> {
    const browser = env.seed.client();
    const page = await browser.get("/counter");
    await env.seed.app.sessions.run(browser.sessionKey, (s) => s.set("counter", 41));
    return { cookie: browser.cookieHeader, token: pageToken(page.text)!, key: browser.sessionKey! };
  }

  async function increment(options: Parameters<typeof LiveClient.connect>[1]): Promise<string> {
    const socket = await LiveClient.connect(env.seed.baseUrl, options);
    try {
      const [reply] = await socket.call("increment_counter");
      return String(reply!.html);
    } finally {
      await socket.close();
    }
  }

  it("gives the socket its cookie's session when it presents the page's token", async () => {
    const { cookie, token, key } = await victim();
    expect(await increment({ cookie, token })).toContain("<strong>42</strong>");
    expect((await env.seed.app.sessions.load(key))!.counter).toBe(42);
  });

  it("gives a cookie without the token no session: a cross-site page cannot act as the user", async () => {
    const { cookie, key } = await victim();
    expect(await increment({ cookie, origin: "http://partner.example" })).toContain("<strong>1</strong>");
    expect(await increment({ cookie, token: "not-a-token", origin: "http://partner.example" })).toContain(
      "<strong>1</strong>",
    );
    expect((await env.seed.app.sessions.load(key))!.counter).toBe(41);
  });

  it("refuses another session's token", async () => {
    const [first, second] = [await victim(), await victim()];
    expect(await increment({ cookie: first.cookie, token: second.token })).toContain("<strong>1</strong>");
    expect((await env.seed.app.sessions.load(first.key))!.counter).toBe(41);
  });

  it("is different on every page, and every page's token is good", async () => {
    const browser = env.seed.client();
    const tokens = [];
    for (let i = 0; i < 3; i++) tokens.push(pageToken((await browser.get("/counter")).text)!);
    expect(new Set(tokens).size).toBe(3);
    // Each socket adds to the same session's counter: 1, 2, 3.
    for (const [i, token] of tokens.entries())
      expect(await increment({ cookie: browser.cookieHeader, token })).toContain(`<strong>${i + 1}</strong>`);
  });
});

describe("the page's token, switched off for clients that cannot send it", () => {
  const env = withServer({ LIVEVIEW_SOCKET_TOKEN_REQUIRED: false });
  it("gives the cookie's session to a socket without a token", async () => {
    const browser = env.seed.client();
    await browser.get("/counter");
    await env.seed.app.sessions.run(browser.sessionKey, (s) => s.set("counter", 7));
    const socket = await LiveClient.connect(env.seed.baseUrl, { cookie: browser.cookieHeader });
    const [reply] = await socket.call("increment_counter");
    expect(reply!.html).toContain("<strong>8</strong>");
    await socket.close();
  });
});
