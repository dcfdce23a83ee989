// An HTTP client for tests with a cookie jar: get/post a running app, read its session, sign a user in.

import { AUTH_USER_KEY } from "../constants.ts";
import { CSRF_FIELD } from "../protocol.ts";
import type { JsonObject } from "../json.ts";
import type { User } from "../auth/user.ts";
import type { App } from "../server/app.ts";
import { csrfToken } from "../session/csrf.ts";

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
}

export class TestClient {
  readonly cookies = new Map<string, string>();

  /** `baseUrl` is where `app` listens, e.g. from `await app.listen(0)`. */
  constructor(
    readonly app: App,
    readonly baseUrl: string,
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get sessionKey(): string | null {
    return this.cookies.get(this.app.settings.SESSION_COOKIE_NAME) ?? null;
  }

  get(path: string): Promise<TestResponse> {
    return this.request("GET", path);
  }

  /** Posts form fields; the session's CSRF token is added unless `csrf: false`. */
  async post(
    path: string,
    fields: Record<string, string> = {},
    options: { csrf?: boolean } = {},
  ): Promise<TestResponse> {
    const body = new URLSearchParams(fields);
    if (options.csrf !== false) body.set(CSRF_FIELD, await this.csrfToken());
    return this.request("POST", path, body.toString(), { "Content-Type": "application/x-www-form-urlencoded" });
  }

  async request(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const res = await fetch(this.baseUrl + path, {
      method,
      body,
      redirect: "manual",
      headers: { ...headers, Cookie: this.cookieHeader },
    });
    for (const line of res.headers.getSetCookie()) this.store(line);
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  /** The session as stored now, as the server would load it (null when the client holds none). */
  async session(): Promise<JsonObject | null> {
    return this.app.sessions.load(this.sessionKey);
  }

  /** Signs `user` in without a password, as a fresh session would after login. */
  async forceLogin(user: User): Promise<void> {
    const { session } = await this.app.sessions.run(this.sessionKey, async (s) => {
      if (s.key !== null) await s.cycleKey();
      s.set(AUTH_USER_KEY, user.id);
    });
    this.cookies.set(this.app.settings.SESSION_COOKIE_NAME, session.key!);
  }

  /** A token for this client's session, as a page would carry it: pass it to `LiveClient.connect` with the cookie. */
  socketToken(): Promise<string> {
    return this.csrfToken();
  }

  private async csrfToken(): Promise<string> {
    const { result, session } = await this.app.sessions.run(this.sessionKey, async (s) => csrfToken(s));
    if (session.key) this.cookies.set(this.app.settings.SESSION_COOKIE_NAME, session.key);
    return result;
  }

  private store(setCookie: string): void {
    const [pair, ...attrs] = setCookie.split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "") this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}
