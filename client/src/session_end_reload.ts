// The session ended (signed out here or in another tab): reload, so the page shows what this browser now is.
// Unless the page is already on its way to another: a "Sign out" form posts, the server ends the session and
// closes the socket before its answer (a redirect) arrives, and a reload then would replace where it leads.

import { SESSION_END_RELOAD_GRACE_MS } from "./constants";

let leaving = false;

export function reloadAfterSessionEnd(): void {
  // Should the navigation not happen after all (a download, a 204), the page still reloads.
  if (leaving) setTimeout(() => location.reload(), SESSION_END_RELOAD_GRACE_MS);
  else location.reload();
}

/** Started at once by the socket, so the flag is set by a navigation begun before any session ends. */
export function watchLeaving(): void {
  addEventListener("beforeunload", () => (leaving = true));
  // Back from the back-forward cache: this page is shown again, not leaving.
  addEventListener("pageshow", () => (leaving = false));
}
