// Dispatches the client's `liveview:*` DOM events on document.

import { EVENT_PREFIX } from "./constants";

export function emit(name: string, detail?: unknown): void {
  document.dispatchEvent(new CustomEvent(EVENT_PREFIX + name, { detail }));
}
