// The built-in answer to `resync` (the socket missed more of a group than the server keeps): by default the server
// renders the page's <main> again, as a navigation to the address shown; `data-liveview-resync` on <html> says
// `reload` (the whole page) or `none` (the page listens to `liveview:resync` itself).

import { NAVIGATE_FUNCTION } from "../../src/protocol.ts";
import { RESYNC_ATTR } from "./constants";
import { message } from "./message";
import { request } from "./request";

let queued = false;

export function resync(): void {
  const mode = document.documentElement.getAttribute(RESYNC_ATTR) ?? "render";
  if (mode === "none" || queued) return;
  if (mode === "reload") return location.reload();
  // A reconnect may resync several groups at once: one render covers them all.
  queued = true;
  setTimeout(() => {
    queued = false;
    request(message(NAVIGATE_FUNCTION, { dataUrl: location.pathname + location.search }));
  });
}
