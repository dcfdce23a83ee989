// Sessions over HTTP: a page GET gives a session cookie; the same page, read back with it, shows the counter.

import { HTTP_CONCURRENCY } from "./constants.ts";

const COUNTER = /Counter: <strong>(\d+)<\/strong>/;

/** The Cookie header a browser would send after loading `page` (every cookie the page set; "" for none). */
export async function fetchCookie(page: string): Promise<string> {
  const response = await fetch(page, { redirect: "manual" });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${page} answered ${response.status}`);
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!.trim()).join("; ");
}

/** `count` cookies, each a fresh session (a browser loading the page `count` times without cookies). */
export async function fetchCookies(page: string, count: number): Promise<string[]> {
  const cookies: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      cookies[i] = await fetchCookie(page);
    }
  };
  await Promise.all(Array.from({ length: Math.min(HTTP_CONCURRENCY, count) }, worker));
  return cookies;
}

/** The counter the page shows for this cookie's session, or null when the page shows none. */
export async function readCounter(page: string, cookie: string): Promise<number | null> {
  const response = await fetch(page, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  const match = COUNTER.exec(await response.text());
  return match ? Number(match[1]) : null;
}

export function hasSessionCookie(cookie: string, name = "sessionid"): boolean {
  return cookie.split("; ").some((c) => c.startsWith(`${name}=`));
}
