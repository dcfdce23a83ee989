// One browser's server-side state: read and written by HTTP views and WebSocket handlers alike.

import { RECEIPTS_KEY, RECEIPTS_KEPT } from "../constants.ts";
import { LiveViewError } from "../errors.ts";
import { assertJson, type Json, type JsonObject } from "../json.ts";
import type { SessionChanges } from "./session-store.ts";

/** What a Session needs from the service that loaded it: persistence and key changes. */
export interface SessionHost {
  /** Writes the changes; resolves with the new stored version. */
  persist(session: Session, key: string, changes: Omit<SessionChanges, "expireAt">): Promise<number>;
  rekey(session: Session, oldKey: string | null, newKey: string): Promise<void>;
  end(session: Session, oldKey: string | null): Promise<void>;
  newKey(): string;
}

export class Session {
  private data: JsonObject;
  /** JSON of every key as last loaded or saved: the base a change is measured against. */
  private saved = new Map<string, string>();
  private explicitlyModified = false;
  private pending: Promise<void> = Promise.resolve();
  /** The id of the message being handled: written with the first save that changes something (or alone, if asked). */
  private receipt: string | null = null;
  /** Whether the receipt is written even by a save that changes nothing else (a form's call). */
  private receiptAlone = false;
  /** Keys written by this session's saves so far (what other tabs are told about). */
  readonly savedKeys = new Set<string>();
  /** Whether any save of this copy reached the store (a forced one may write no key, and still extends expiry). */
  written = false;

  constructor(
    private readonly host: SessionHost,
    /** null until the session is first persisted. */
    public key: string | null,
    data: JsonObject,
    /** The stored version this copy was loaded at (null for a session not stored yet); follows our own saves. */
    public version: number | null,
    /** The socket (consumer id) on whose behalf it was loaded, if any. */
    readonly origin: string | null = null,
    /** A copy for reading only (session-change reactions): changing it is an error. */
    readonly readOnly = false,
  ) {
    this.data = record(data);
    for (const [k, v] of Object.entries(data)) this.saved.set(k, JSON.stringify(v));
  }

  // `any` on purpose: values are shaped by the application; callers annotate what they read.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get<T = any>(key: string, fallback?: NoInfer<T>): T {
    return (Object.hasOwn(this.data, key) ? this.data[key] : fallback) as T;
  }

  set(key: string, value: unknown): void {
    this.assertWritable();
    assertJson(value, `session value "${key}"`);
    this.data[key] = value;
    this.explicitlyModified = true;
  }

  /**
   * Replaces a value with `fn(current)` and saves at once. The session is held under its lock while a handler or
   * view runs, so the read and the write cannot interleave with another tab's.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- like get(), the caller's default decides the type
  async update<T = any>(key: string, fn: (current: T | undefined) => T): Promise<T> {
    const next = fn(this.get<T | undefined>(key));
    this.set(key, next);
    await this.save();
    return next;
  }

  delete(key: string): boolean {
    this.assertWritable();
    if (!Object.hasOwn(this.data, key)) return false;
    delete this.data[key];
    this.explicitlyModified = true;
    return true;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.data, key);
  }

  keys(): string[] {
    return Object.keys(this.data);
  }

  items(): [string, Json][] {
    return Object.entries(this.data);
  }

  get isEmpty(): boolean {
    return Object.keys(this.data).length === 0;
  }

  /** Removes every key; the session (and its key) lives on. */
  clear(): void {
    this.assertWritable();
    this.data = record();
    this.explicitlyModified = true;
  }

  /**
   * True after `set`/`delete`/`clear`, or when a value was mutated in place since the last save. Setting it to true
   * means what it means in Django: the session is saved when the handler or view ends (its expiry extended, its
   * cookie sent again) even if no value changed.
   */
  get modified(): boolean {
    if (this.explicitlyModified) return true;
    const { set, deleted } = this.changes();
    return deleted.length > 0 || Object.keys(set).length > 0;
  }

  set modified(value: boolean) {
    this.explicitlyModified = value;
  }

  /** The keys whose JSON differs from what was last loaded or saved, and the keys that are gone. */
  changes(): { set: JsonObject; deleted: string[] } {
    const set = record();
    for (const [k, v] of Object.entries(this.data)) {
      const json = JSON.stringify(v);
      if (this.saved.get(k) !== json) set[k] = v;
    }
    const deleted = [...this.saved.keys()].filter((k) => !Object.hasOwn(this.data, k));
    return { set, deleted };
  }

  /** Whether a message with this id already changed this session (a replay after a reconnect). */
  hasReceipt(id: string): boolean {
    const receipts = this.data[RECEIPTS_KEY];
    return Array.isArray(receipts) && receipts.includes(id);
  }

  /** Records message `id` in the same write as the changes it makes, so a replay of it is recognised. */
  recordReceipt(id: string, options: { alone?: boolean } = {}): void {
    this.receipt = id;
    this.receiptAlone = options.alone ?? false;
  }

  /**
   * Persists now: only the changed keys are written. A session that was never stored is created; one that was
   * loaded and has ended since (logout elsewhere, expiry) is not: the save fails with session_interrupted, and so
   * does every later save of this copy.
   */
  save(options: { force?: boolean } = {}): Promise<void> {
    this.pending = this.pending.then(() => this.write(options.force ?? false));
    return this.pending;
  }

  private assertWritable(): void {
    if (this.readOnly) throw new LiveViewError("read_only_session", "this session is read-only (a session-change reaction); change the session in a handler or a view");
  }

  private async write(force: boolean): Promise<void> {
    const changes = this.changes();
    if (this.readOnly) {
      if (Object.keys(changes.set).length || changes.deleted.length || force) this.assertWritable();
      return;
    }
    for (const [k, v] of Object.entries(changes.set)) assertJson(v, `session value "${k}"`);
    // Never alone for a session not stored yet: a receipt must not create a session nobody holds.
    const alone = this.receipt !== null && this.receiptAlone && this.key !== null;
    const nothing = Object.keys(changes.set).length === 0 && changes.deleted.length === 0;
    if (nothing && !force && !alone && !this.explicitlyModified) {
      this.explicitlyModified = false;
      return;
    }
    if (this.receipt !== null && (!nothing || alone)) {
      const kept = (this.get<string[]>(RECEIPTS_KEY) ?? []).slice(1 - RECEIPTS_KEPT);
      changes.set[RECEIPTS_KEY] = this.data[RECEIPTS_KEY] = [...kept, this.receipt];
      this.receipt = null;
    }
    if (this.key === null) this.key = this.host.newKey();
    const base = this.version !== null ? { version: this.version, data: this.data } : undefined;
    this.version = await this.host.persist(this, this.key, { ...changes, base });
    for (const [k, v] of Object.entries(changes.set)) this.saved.set(k, JSON.stringify(v));
    for (const k of changes.deleted) this.saved.delete(k);
    for (const k of [...Object.keys(changes.set), ...changes.deleted]) this.savedKeys.add(k);
    this.written = true;
    this.explicitlyModified = false;
  }

  /** Moves the data to a new key and drops the old one (call on login: no session fixation). */
  async cycleKey(): Promise<void> {
    await this.pending;
    const oldKey = this.key;
    this.key = this.host.newKey();
    this.version = null;
    this.saved.clear();
    await this.save({ force: true });
    await this.host.rekey(this, oldKey, this.key);
  }

  /** Deletes the session and its data, and starts an empty one under a new key (call on logout). */
  async flush(): Promise<void> {
    await this.pending;
    const oldKey = this.key;
    this.data = record();
    this.saved.clear();
    this.key = null;
    this.version = null;
    this.explicitlyModified = false;
    await this.host.end(this, oldKey);
  }
}

/**
 * The session's own key-value table: an object without a prototype, so every key, `__proto__` and `constructor`
 * included, is an ordinary entry. Assigning `__proto__` on a plain object would replace its prototype instead.
 */
function record(entries: JsonObject = {}): JsonObject {
  return Object.assign(Object.create(null) as JsonObject, entries);
}
