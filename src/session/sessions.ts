// The session service: loads a fresh copy under the key's lock, saves what changed, and tells the other tabs.

import type { ChannelLayer } from "../channels/channel-layer.ts";
import type { JsonObject } from "../json.ts";
import { isWellFormedKey, newSessionKey, sessionGroup } from "./session-key.ts";
import { SessionCopies } from "./session-copies.ts";
import { MemorySessionLock, type SessionLock } from "./session-lock.ts";
import { isPipelined, type PipelinedStore, type SessionChanges, type SessionStore } from "./session-store.ts";
import { Session, type SessionHost } from "./session.ts";

/** What every socket of a session hears: keys changed, the key moved (login), or the session ended (logout). */
export type SessionEvent =
  | { type: "session.changed"; keys: string[]; origin: string | null }
  | { type: "session.rekeyed"; key: string }
  | { type: "session.ended" };

export interface RunOptions {
  /** The socket on whose behalf the session is used; its own changes are not echoed back to it. */
  origin?: string | null;
  /**
   * Save even when nothing changed (refreshes the expiry; SESSION_SAVE_EVERY_REQUEST), if the session is stored: an
   * unchanged new one is not created, so requests without a session cookie cannot fill the store.
   */
  forceSave?: boolean;
}

export class Sessions implements SessionHost {
  /**
   * With a lock held in this process only and a store that commits in groups, a save returns once written and the
   * lock passes on; what the handler sends waits for `durable()` instead. (A lock shared with other processes must
   * not pass on before the commit: they read only what is committed.)
   */
  private readonly pipelined: (SessionStore & PipelinedStore) | null;
  /** With such a store and lock: the copies this process saved last (see SessionCopies). */
  private readonly copies: SessionCopies | null;

  constructor(
    readonly store: SessionStore,
    private readonly lock: SessionLock,
    private readonly channels: ChannelLayer,
    private readonly ageSeconds: number,
  ) {
    this.pipelined = lock instanceof MemorySessionLock && isPipelined(store) ? store : null;
    this.copies = this.pipelined ? new SessionCopies() : null;
  }

  /** Null when every save is durable; else settles once the saves made so far are committed. */
  durable(): Promise<void> | null {
    return this.pipelined?.durable() ?? null;
  }

  /**
   * Runs `fn` with the session as stored right now, holding the key's lock, and saves what `fn` changed
   * when it returns (not when it throws: the session then keeps its last saved state).
   */
  run<T>(
    key: string | null | undefined,
    fn: (session: Session) => Promise<T> | T,
    options: RunOptions = {},
  ): Promise<{ result: T; session: Session }> {
    const origin = options.origin ?? null;
    const body = async () => {
      const session = this.resume(key, origin) ?? (await this.loadSession(key, origin));
      const result = await fn(session);
      // Saves what changed (nothing, often), and waits for saves the handler started and did not await.
      await session.save({ force: options.forceSave === true && session.key !== null });
      const state = this.copies ? session.state() : null;
      if (state) this.copies!.put(state);
      return { result, session };
    };
    // A key nobody holds yet cannot be contended: no lock needed.
    return isWellFormedKey(key) ? this.lock.run(key, body) : body();
  }

  /** The copy this process saved last, when it is still what is stored (we hold the key's lock). */
  private resume(key: string | null | undefined, origin: string | null): Session | null {
    if (!this.copies || !isWellFormedKey(key)) return null;
    const state = this.copies.take(key);
    return state && this.pipelined!.isCurrent(key, state.version) ? Session.resume(this, state, origin) : null;
  }

  private async loadSession(key: string | null | undefined, origin: string | null): Promise<Session> {
    const stored = isWellFormedKey(key) ? await this.store.load(key) : null;
    return new Session(this, stored ? key! : null, stored?.data ?? {}, stored?.version ?? null, origin);
  }

  /** Runs `fn` with the session as stored right now, without the lock; the session cannot be changed. */
  async read<T>(
    key: string | null | undefined,
    fn: (session: Session) => Promise<T> | T,
    options: RunOptions = {},
  ): Promise<{ result: T; session: Session }> {
    const stored = isWellFormedKey(key) ? await this.store.load(key) : null;
    const session = new Session(
      this,
      stored ? key! : null,
      stored?.data ?? {},
      stored?.version ?? null,
      options.origin ?? null,
      true,
    );
    return { result: await fn(session), session };
  }

  async load(key: string | null | undefined): Promise<JsonObject | null> {
    return isWellFormedKey(key) ? ((await this.store.load(key))?.data ?? null) : null;
  }

  newKey(): string {
    return newSessionKey();
  }

  persist(session: Session, key: string, changes: Omit<SessionChanges, "expireAt">): Promise<number> {
    const expireAt = Date.now() + this.ageSeconds * 1000;
    const full = { set: changes.set, deleted: changes.deleted, base: changes.base, expireAt };
    // Written now on a pipelined store (its commit is awaited by the replies instead): no await before telling.
    if (this.pipelined) return this.changed(session, key, changes, this.pipelined.saveNow(key, full).result);
    return this.store.save(key, full).then((version) => this.changed(session, key, changes, version));
  }

  /** Tells the session's other sockets which keys changed; resolves with the version saved. */
  private changed(
    session: Session,
    key: string,
    changes: Omit<SessionChanges, "expireAt">,
    version: number,
  ): Promise<number> {
    const keys = Object.keys(changes.set);
    for (const k of changes.deleted) keys.push(k);
    if (keys.length === 0) return Promise.resolve(version);
    return this.notify(key, { type: "session.changed", keys, origin: session.origin }).then(() => version);
  }

  async rekey(_session: Session, oldKey: string | null, newKey: string): Promise<void> {
    if (oldKey === null) return;
    this.copies?.delete(oldKey);
    await this.store.delete(oldKey);
    await this.notify(oldKey, { type: "session.rekeyed", key: newKey });
  }

  async end(_session: Session, oldKey: string | null): Promise<void> {
    if (oldKey === null) return;
    this.copies?.delete(oldKey);
    await this.store.delete(oldKey);
    await this.notify(oldKey, { type: "session.ended" });
  }

  private notify(key: string, event: SessionEvent): Promise<void> {
    return this.channels.groupSend(sessionGroup(key), event as unknown as JsonObject);
  }

  async close(): Promise<void> {
    await this.lock.close();
    await this.store.close();
  }
}
