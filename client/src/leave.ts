// Nothing typed is lost on leaving: when the page is hidden or starts to unload, every debounced call waiting out
// its quiet time is sent at once (and kept in the outbox, in case the socket closes before it leaves).

import { settleAll } from "./form_order";

export function startLeaveFlush(): void {
  addEventListener("pagehide", settleAll);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && settleAll());
}
