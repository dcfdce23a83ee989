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

/** What a saved session hands over so it can be resumed without a load: its data, its base for changes, its version. */
export interface SessionState {
  readonly key: string;
  readonly data: JsonObject;
  readonly saved: ReadonlyMap<string, Snapshot>;
  readonly version: number;
}

export class Session {
  private data: JsonObject;
  /** Every key as last loaded or saved (see Snapshot): the base a change is measured against. */
  private saved = new Map<string, Snapshot>();
  private explicitlyModified = false;
  /** The last save asked for, while one is under way (they run one after the other); null when none is. */
  private pending: Promise<void> | null = null;
  /** Saves asked for and not yet finished; a failed one never finishes, so `pending` keeps its rejection. */
  private unsettled = 0;
  private failed = false;
  /** The id of the message being handled: written with the first save that changes something (or alone, if asked). */
  private receipt: string | null = null;
  /** Whether the receipt is written even by a save that changes nothing else (a form's call). */
  private receiptAlone = false;
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
    for (const k in this.data) this.saved.set(k, snapshot(this.data[k]!));
  }

  /** A copy from `state()`, as it was handed over: nothing is read or parsed again. */
  static resume(host: SessionHost, state: SessionState, origin: string | null): Session {
    const session = new Session(host, state.key, {}, state.version, origin);
    session.data = state.data;
    session.saved = new Map(state.saved);
    return session;
  }

  /**
   * This copy as it is stored now, to be resumed by the next user of its key; null when it may differ from what is
   * stored (never saved, a receipt or an explicit `modified` not yet written, read-only).
   */
  state(): SessionState | null {
    if (this.key === null || this.version === null || this.readOnly || this.receipt !== null || this.explicitlyModified)
      return null;
    return { key: this.key, data: this.data, saved: this.saved, version: this.version };
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
    return this.explicitlyModified || this.diff().count > 0;
  }

  set modified(value: boolean) {
    this.explicitlyModified = value;
  }

  /** The keys whose JSON differs from what was last loaded or saved, and the keys that are gone. */
  changes(): { set: JsonObject; deleted: string[] } {
    const { set, deleted } = this.diff();
    return { set: set ?? record(), deleted };
  }

  /**
   * One pass over the keys, run at least once per save: a primitive is compared as it is, only arrays and objects
   * are serialised (a change made in place shows only in their JSON). The new snapshots come along, so that a save
   * does not serialise its values a second time.
   */
  private diff(): Diff {
    // Most diffs find nothing (the save that ends a handler which saved already): nothing is made until a change.
    let set: JsonObject | null = null;
    let snapshots: Map<string, Snapshot> | null = null;
    for (const k in this.data) {
      const now = snapshot(this.data[k]!);
      const before = this.saved.get(k);
      const same =
        now instanceof SavedJson
          ? before instanceof SavedJson && before.json === now.json
          : before === now && (before !== undefined || this.saved.has(k));
      if (same) continue;
      (set ??= record())[k] = this.data[k]!;
      (snapshots ??= new Map()).set(k, now);
    }
    const deleted: string[] = [];
    for (const k of this.saved.keys()) if (!Object.hasOwn(this.data, k)) deleted.push(k);
    return { set, deleted, snapshots, count: (snapshots?.size ?? 0) + deleted.length };
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
    const force = options.force ?? false;
    // Behind a save under way, or a failed one, whose failure is then every later save's answer too.
    this.unsettled++;
    const next = this.pending ? this.pending.then(() => this.write(force)) : this.write(force);
    this.pending = next;
    return next;
  }

  private assertWritable(): void {
    if (this.readOnly)
      throw new LiveViewError(
        "read_only_session",
        "this session is read-only (a session-change reaction); change the session in a handler or a view",
      );
  }

  private async write(force: boolean): Promise<void> {
    try {
      const save = this.prepare(force);
      if (save) this.stored(save, await this.host.persist(this, save.key, save.changes));
    } catch (error) {
      this.failed = true;
      throw error;
    } finally {
      if (--this.unsettled === 0 && !this.failed) this.pending = null;
    }
  }

  /** What a save writes (null for nothing): the changed keys, with the receipt, under the key (a new one if none). */
  private prepare(force: boolean): PreparedSave | null {
    const diff = this.diff();
    const { deleted, count } = diff;
    if (this.readOnly) {
      if (count > 0 || force) this.assertWritable();
      return null;
    }
    for (const k in diff.set) assertJson(diff.set[k], `session value "${k}"`);
    // Never alone for a session not stored yet: a receipt must not create a session nobody holds.
    const alone = this.receipt !== null && this.receiptAlone && this.key !== null;
    const nothing = count === 0;
    if (nothing && !force && !alone && !this.explicitlyModified) return null;
    const set = diff.set ?? record();
    const snapshots = diff.snapshots ?? new Map<string, Snapshot>();
    if (this.receipt !== null && (!nothing || alone)) {
      const kept = (this.get<string[]>(RECEIPTS_KEY) ?? []).slice(1 - RECEIPTS_KEPT);
      set[RECEIPTS_KEY] = this.data[RECEIPTS_KEY] = [...kept, this.receipt];
      snapshots.set(RECEIPTS_KEY, snapshot(set[RECEIPTS_KEY]));
      this.receipt = null;
    }
    if (this.key === null) this.key = this.host.newKey();
    const base = this.version !== null ? { version: this.version, data: this.data } : undefined;
    return { key: this.key, changes: { set, deleted, base }, snapshots };
  }

  /** A save is stored at `version`: what it wrote is the new base for changes. */
  private stored(save: PreparedSave, version: number): void {
    this.version = version;
    for (const [k, value] of save.snapshots) this.saved.set(k, value);
    for (const k of save.changes.deleted) this.saved.delete(k);
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
 * A key's value as last loaded or saved: a primitive as it is (compared with ===), an array or object as its JSON,
 * wrapped so that the string "[1]" and the array [1] never compare equal.
 */
export type Snapshot = null | boolean | number | string | SavedJson;

class SavedJson {
  constructor(readonly json: string) {}
}

function snapshot(value: Json): Snapshot {
  return typeof value === "object" && value !== null ? new SavedJson(JSON.stringify(value)) : value;
}

/** A save about to be written: its key, its changes, and the snapshots that become the base once it is stored. */
interface PreparedSave {
  key: string;
  changes: Omit<SessionChanges, "expireAt">;
  snapshots: Map<string, Snapshot>;
}

/** The changed keys with their new values and snapshots, the deleted keys, and how many keys changed in all. */
interface Diff {
  /** Null when no key changed. */
  set: JsonObject | null;
  deleted: string[];
  snapshots: Map<string, Snapshot> | null;
  count: number;
}

/**
 * The session's own key-value table: an object without a prototype, so every key, `__proto__` and `constructor`
 * included, is an ordinary entry. Assigning `__proto__` on a plain object would replace its prototype instead.
 */
function record(entries: JsonObject = {}): JsonObject {
  return Object.assign(Object.create(null) as JsonObject, entries);
}
