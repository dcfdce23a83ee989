// The client's own tunable numbers and the names it shares with pages. (Names it shares with the server are in
// src/protocol.ts, bundled in.)

import {
  CSRF_FIELD,
  LOAD_DRAFT_FUNCTION,
  NAVIGATE_FUNCTION,
  UPLOAD_ALLOW_FUNCTION,
  UPLOAD_RESUME_FUNCTION,
} from "../../src/protocol.ts";

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

// Forms: disable-with, settling, drafts, the save status, the outbox.
/** Text shown on an element while its call is in flight; the element is disabled until the server's reply. */
export const DISABLE_WITH_ATTR = "data-liveview-disable-with";
/** On an element of a form: "drop" makes its call drop the form's waiting debounced calls instead of sending them first. */
export const SETTLE_ATTR = "data-liveview-settle";
/** Marks a form whose fields are saved as a draft in the session while the user types (no handler code). */
export const DRAFT_ATTR = "data-liveview-draft";
/** Quiet time before a built-in draft is saved, unless the form's data-liveview-draft gives another number. */
export const DRAFT_DEBOUNCE_MS = 1000;
/** An element showing whether a form's typing is saved: inside the form, or naming it by id. */
export const SAVE_STATUS_ATTR = "data-liveview-save-status";
export const SAVE_STATUS_TEXT = { saving: "Saving…", saved: "Saved", failed: "Not saved" } as const;
/** The status element also carries the class liveview-saving, liveview-saved or liveview-failed. */
export const SAVE_STATUS_CLASS_PREFIX = "liveview-";
/** Elements showing how many calls wait for the server; <html> carries the number too. */
export const OUTBOX_COUNT_ATTR = "data-liveview-outbox-count";
export const OUTBOX_ATTR = "data-liveview-outbox";
/** localStorage: the outbox of a session is under this prefix and the session's tag. */
export const OUTBOX_KEY_PREFIX = "liveview:outbox:";
/** localStorage: set once a server of this origin acknowledged a call (one that does not must never get replays). */
export const SERVER_ACKS_KEY = "liveview:server-acks";
/**
 * Calls kept in the outbox at most (the oldest go first), and how long one stays worth sending. Half the server's
 * default burst (LIVEVIEW_EVENTS_BURST, 100): a page sending a full outbox at once is not refused as a flood.
 */
export const OUTBOX_MAX = 50;
export const OUTBOX_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * Calls that only make sense for the page that made them, never kept for another page: another page (a reload, a
 * second tab opening while this one waits) would navigate somewhere it was not asked to, or read a draft for nothing.
 */
export const PAGE_ONLY_FUNCTIONS = [
  NAVIGATE_FUNCTION,
  LOAD_DRAFT_FUNCTION,
  UPLOAD_ALLOW_FUNCTION,
  UPLOAD_RESUME_FUNCTION,
];
/** Field types never drafted. */
export const UNDRAFTED_TYPES = ["password", "file"];

// Uploads (upload.ts, upload_transfer.ts, upload_entries.ts; docs/guide/uploads.md).
export const UPLOAD_ATTR = "data-liveview-upload";
export const UPLOAD_DROP_ATTR = "data-liveview-upload-drop";
export const UPLOAD_DONE_ATTR = "data-liveview-upload-done";
export const UPLOAD_ENTRIES_ATTR = "data-liveview-upload-entries";
export const UPLOAD_ERRORS_ATTR = "data-liveview-upload-errors";
export const UPLOAD_ENTRY_ATTR = "data-liveview-upload-entry";
export const UPLOAD_CANCEL_ATTR = "data-liveview-upload-cancel";
/** The CSS variable an entry's progress is written to, from 0 to 1. */
export const UPLOAD_PROGRESS_VAR = "--liveview-upload-progress";
export const UPLOAD_DRAGOVER_CLASS = "liveview-dragover";
/** Files of a page sent at once; the others wait their turn (the server limits uploads under way per socket). */
export const UPLOAD_PARALLEL = 2;
/** Pauses between attempts to reach the server again after a chunk failed (then the last, again and again). */
export const UPLOAD_RETRY_MS = [250, 1000, 2000, 5000];
export const PERCENT = 100;
/** On <html>: what a `resync` does, `render` (the default: the server renders <main> again), `reload` or `none`. */
export const RESYNC_ATTR = "data-liveview-resync";
/** `data-liveview-connect="fn"`: fn is called for the element on every socket that opens (presence, subscriptions). */
export const CONNECT_ATTR = "data-liveview-connect";
/** After the session ended while the page was leaving: how long the navigation may take before the page reloads. */
export const SESSION_END_RELOAD_GRACE_MS = 3000;
/** sessionStorage: the latency `LiveView.enableLatencySim(ms)` adds to every frame, in ms. */
export const LATENCY_SIM_KEY = "liveview:latency-sim";
