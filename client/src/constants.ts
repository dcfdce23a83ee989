// The client's own tunable numbers and the names it shares with pages. (Names it shares with the server are in
// src/protocol.ts, bundled in.)

import { CSRF_FIELD } from "../../src/protocol.ts";

/** First reconnect delay ceiling: a dropped socket whose server is still there is back within it. */
export const RECONNECT_BASE_MS = 250;
/**
 * Each failed attempt multiplies the ceiling (250 ms, 1 s, 4 s, then RECONNECT_MAX_MS); full jitter picks 0..ceiling.
 * Doubling left most pages of a server restarted in about a second waiting under a 1-2 s ceiling, so some 70 % came
 * back in the same second; growing by 4 spreads them over the 5 s, the busiest second holding about 40 %.
 */
export const RECONNECT_GROWTH = 4;
/** Largest reconnect delay ceiling, so a restarted server is found within seconds. */
export const RECONNECT_MAX_MS = 5000;
/** A server that never acknowledges (django-liveview) must not leave elements loading forever. */
export const LOADING_TIMEOUT_MS = 15_000;
/** Auto-focus waits a tick so the added element is laid out and can take the focus. */
export const FOCUS_DELAY_MS = 0;
/** Sent calls kept for a replay while the server has not shown that it acknowledges calls. */
export const UNACKED_KEPT = 100;

export const HEX_RADIX = 16;
export const HEX_BYTE_WIDTH = 2;

export const CSRF_INPUT_SELECTOR = `input[name="${CSRF_FIELD}"]`;
export const CONTROLLER_NAME = "page";
export const EVENT_PREFIX = "liveview:";
/** Key under which our entries are marked in history.state. */
export const HISTORY_KEY = "liveview";

export const LOADING_ATTR = "data-liveview-loading";
export const BUSY_ATTR = "aria-busy";
export const CONNECTION_ATTR = "data-liveview-connection";
export const DISCONNECTED_CLASS = "liveview-disconnected";
export const NO_CONNECTION_ID = "no-connection";
export const NO_CONNECTION_SHOW = "no-connection--show";
export const NO_CONNECTION_HIDE = "no-connection--hide";

export const INTERSECT_APPEAR_ATTR = "data-liveview-intersect-appear";
export const INTERSECT_DISAPPEAR_ATTR = "data-liveview-intersect-disappear";
export const INTERSECT_THRESHOLD_ATTR = "data-liveview-intersect-threshold";
export const FOCUS_ATTR = "data-liveview-focus";
export const INIT_ATTR = "data-liveview-init";
export const KEYBOARD_MAP_ATTR = "data-liveview-keyboard-map";

/** dataset keys that steer the client and are not sent as `data`. */
export const CONTROL_DATA_KEYS = ["action", "controller"];
/** Any other `data-liveview-*` attribute is a behaviour key, not data. */
export const BEHAVIOUR_DATA_KEY = /^liveview[A-Z]/;

export const FIELD_SELECTOR = "input,select,textarea";
export const SCRIPT_SELECTOR = 'script:not([type]),script[type="text/javascript"]';
/** Where a bare letter shortcut must not fire: the user is typing. */
export const EDITABLE_SELECTOR = "input,textarea,select,[contenteditable]";

/** Shortcut names for KeyboardEvent.key values (django-liveview's spelling). */
export const KEY_NAMES: Record<string, string> = {
  Escape: "esc",
  " ": "space",
  ArrowUp: "up",
  ArrowDown: "down",
  ArrowLeft: "left",
  ArrowRight: "right",
  Enter: "enter",
  Tab: "tab",
  Home: "home",
  End: "end",
  PageUp: "page_up",
  PageDown: "page_down",
};
