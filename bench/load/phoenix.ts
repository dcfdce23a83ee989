// The Phoenix LiveView protocol, as far as the benchmark speaks it to LiveViewJS: join a page's view, click, read replies.

/** What a LiveViewJS page gives its socket: the view's topic, its signed session and statics, the CSRF token. */
export interface PhoenixPage {
  url: string;
  topic: string;
  session: string;
  static: string;
  csrfToken: string;
}

/** One join and one request in flight per socket: fixed message refs, so every frame is encoded once. */
const JOIN_REF = "1";
const EVENT_REF = "2";

const attribute = (html: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(html)?.[1];

/** The page's view, or null for a page that is not LiveViewJS's. */
export function phoenixPage(html: string, url: string): PhoenixPage | null {
  const session = attribute(html, "data-phx-session");
  const id = /id="(phx-[^"]+)"/.exec(html)?.[1];
  const csrfToken = /name="csrf-token" content="([^"]*)"/.exec(html)?.[1];
  if (session === undefined || id === undefined || csrfToken === undefined) return null;
  return { url, topic: `lv:${id}`, session, static: attribute(html, "data-phx-static") ?? "", csrfToken };
}

export function joinFrame(page: PhoenixPage): string {
  const payload = {
    url: page.url,
    params: { _csrf_token: page.csrfToken, _mounts: 0 },
    session: page.session,
    static: page.static,
  };
  return JSON.stringify([JOIN_REF, JOIN_REF, page.topic, "phx_join", payload]);
}

/** The counter's button, clicked. */
export function clickFrame(topic: string, event: string): Buffer {
  return Buffer.from(JSON.stringify([JOIN_REF, EVENT_REF, topic, "event", { type: "click", event, value: {} }]));
}

const JOIN_REPLY = Buffer.from(`["${JOIN_REF}","${JOIN_REF}",`);
const EVENT_REPLY = Buffer.from(`["${JOIN_REF}","${EVENT_REF}",`);

function startsWith(data: Buffer, prefix: Buffer): boolean {
  return data.length >= prefix.length && data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

export const isJoinReply = (data: Buffer) => startsWith(data, JOIN_REPLY);
export const isClickReply = (data: Buffer) => startsWith(data, EVENT_REPLY);
