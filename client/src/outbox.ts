// The durable outbox: every call not yet acknowledged is also kept in localStorage, under this session's tag, so a
// reload or a closed tab loses nothing; the next page of the session sends them once (the server keeps receipts).

import {
  OUTBOX_ATTR,
  OUTBOX_COUNT_ATTR,
  OUTBOX_KEY_PREFIX,
  OUTBOX_MAX,
  OUTBOX_TTL_MS,
  SERVER_ACKS_KEY,
} from "./constants";

export interface OutboxEntry {
  id: string;
  /** The frame as sent. */
  text: string;
  /** When it was made (ms since the epoch), for expiry. */
  at: number;
  /** A debounced call of a form (an autosave): its fields are the newest the user typed there. */
  fills?: string;
}

let tag: string | null = null;
/** The calls of this page not yet acknowledged, by id: what the count shows. */
const mine = new Map<string, OutboxEntry>();

const keyOf = (t: string) => OUTBOX_KEY_PREFIX + t;

/** Opens the session's outbox and returns the calls other pages of it left unacknowledged (now this page's). */
export function openOutbox(sessionTag: string | null): OutboxEntry[] {
  tag = sessionTag;
  if (!tag || !storage()) return [];
  // Another tag is another session of this browser, ended since (login, logout): its calls must not reach this one.
  for (const key of Object.keys(localStorage))
    if (key.startsWith(OUTBOX_KEY_PREFIX) && key !== keyOf(tag)) localStorage.removeItem(key);
  if (!serverAcks()) return [];
  const left = read();
  for (const entry of left) mine.set(entry.id, entry);
  showCount();
  return left;
}

export function keep(entry: OutboxEntry): void {
  mine.set(entry.id, entry);
  showCount();
  if (!tag || !storage()) return;
  const entries = read().filter((e) => e.id !== entry.id);
  entries.push(entry);
  write(entries.slice(-OUTBOX_MAX));
}

export function forget(id: string): void {
  if (!mine.delete(id)) return;
  showCount();
  if (tag && storage()) write(read().filter((e) => e.id !== id));
}

export function noteServerAcks(): void {
  if (storage() && !serverAcks()) localStorage.setItem(SERVER_ACKS_KEY, "1");
}

function serverAcks(): boolean {
  return localStorage.getItem(SERVER_ACKS_KEY) === "1";
}

/** Whether a page of this origin saw the server acknowledge a call (false without storage). */
export function serverAcksKnown(): boolean {
  return storage() && serverAcks();
}

/** The stored entries still worth sending; anything malformed is dropped (storage is the user's to edit). */
function read(): OutboxEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(localStorage.getItem(keyOf(tag!)) ?? "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const oldest = Date.now() - OUTBOX_TTL_MS;
  const valid = parsed.filter(
    (e): e is OutboxEntry =>
      e !== null &&
      typeof e === "object" &&
      typeof e.id === "string" &&
      typeof e.text === "string" &&
      typeof e.at === "number" &&
      e.at >= oldest,
  );
  return valid.slice(-OUTBOX_MAX);
}

function write(entries: OutboxEntry[]): void {
  try {
    if (entries.length) localStorage.setItem(keyOf(tag!), JSON.stringify(entries));
    else localStorage.removeItem(keyOf(tag!));
  } catch {
    // Storage full or refused: the calls are still in memory, as before.
  }
}

/** localStorage may be missing or refused (privacy settings): the outbox is then in memory only. */
function storage(): boolean {
  try {
    return typeof localStorage !== "undefined" && localStorage !== null;
  } catch {
    return false;
  }
}

export function showCount(): void {
  const count = String(mine.size);
  document.documentElement.setAttribute(OUTBOX_ATTR, count);
  for (const el of document.querySelectorAll(`[${OUTBOX_COUNT_ATTR}]`)) el.textContent = count;
}
