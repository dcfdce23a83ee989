// Sessions over HTTP: a page GET gives a session cookie; the same page, read back with it, shows the counter.

import { pageToken } from "liveview-node/testing";
import { HTTP_CONCURRENCY } from "./constants.ts";
import { phoenixPage, type PhoenixPage } from "./load/phoenix.ts";

const COUNTER = /Counter: <strong>(\d+)<\/strong>/;

/** What a browser holds after loading a page: the Cookie header it would send ("" for none) and the page's socket token. */
export interface Visit {
  cookie: string;
  token: string | null;
  /** On a LiveViewJS page: the view its socket joins. */
  phoenix?: PhoenixPage;
}

export async function fetchVisit(page: string): Promise<Visit> {
  const response = await fetch(page, { redirect: "manual" });
  const html = await response.text();
  if (!response.ok) throw new Error(`GET ${page} answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!.trim())
    .join("; ");
  const phoenix = phoenixPage(html, page);
  return { cookie, token: pageToken(html), ...(phoenix ? { phoenix } : {}) };
}

/** `count` visits, each a fresh session (a browser loading the page `count` times without cookies). */
export async function fetchVisits(page: string, count: number): Promise<Visit[]> {
  const visits: Visit[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      visits[i] = await fetchVisit(page);
    }
  };
  await Promise.all(Array.from({ length: Math.min(HTTP_CONCURRENCY, count) }, worker));
  return visits;
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
