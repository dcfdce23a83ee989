// The built-in answer to `resync` (the socket missed more of a group than the server keeps, or a call replayed after a
// reconnect had already run, its replies maybe lost): by default the server renders the page's <main> again, as a
// navigation to the address shown; `data-liveview-resync` on <html> says `reload` (the whole page) or `none` (the
// page listens to `liveview:resync` itself).

import { NAVIGATE_FUNCTION } from "../../src/protocol.ts";
import { onCallAcked } from "./call_events";
import { RESYNC_ATTR } from "./constants";
import { message } from "./message";
import { request } from "./request";

/** The render a resync asked for, until its ack: it runs after every call sent before it, so it covers them all. */
let rendering: string | null = null;
onCallAcked((id) => {
  if (id === rendering) rendering = null;
});

export function resync(): void {
  const mode = document.documentElement.getAttribute(RESYNC_ATTR) ?? "render";
  if (mode === "none") return;
  if (mode === "reload") return location.reload();
  // A reconnect may resync several groups and replay several calls at once: one render covers them all. Sent now,
  // not later, so the page is not idle (nothing unacknowledged) before the render is even asked for.
  if (rendering !== null) return;
  rendering = request(message(NAVIGATE_FUNCTION, { dataUrl: location.pathname + location.search }));
}
