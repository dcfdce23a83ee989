// SPA navigation: records the URLs the server sends in history, and has the server re-render on back/forward.

import { HISTORY_KEY } from "./constants";
import { NAVIGATE_FUNCTION } from "../../src/protocol.ts";
import { message } from "./message";
import { request } from "./request";
import { isOpen } from "./socket";
import { settleAll } from "./form_order";

/** What we keep in history.state: { liveview: { url } }, next to whatever else the page stores there. */
const entry = (url: string) => ({ ...history.state, [HISTORY_KEY]: { url } });
const path = () => location.pathname + location.search;

/** The path the page currently shows, so a hash-only history step is not a navigation. */
let shown = path();

export function startNavigation(): void {
  history.replaceState(entry(location.href), "");
  addEventListener("popstate", onPopState);
}

/** Called with a message's `url`, before the new content goes in. */
export function pushUrl(url: string): void {
  const href = new URL(url, location.href).href;
  if (href === location.href) return;
  history.replaceState(entry(location.href), "");
  history.pushState({ [HISTORY_KEY]: { url: href } }, "", href);
  shown = path();
}

function onPopState(event: PopStateEvent): void {
  if (!event.state?.[HISTORY_KEY] || path() === shown) return;
  shown = path();
  settleAll();
  if (!isOpen()) location.reload();
  else request(message(NAVIGATE_FUNCTION, { dataUrl: shown }));
}
