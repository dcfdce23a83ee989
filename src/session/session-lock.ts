// Serialises work on one session key, so that a read-modify-write never interleaves with another.

import { startNow } from "../promises.ts";

export interface SessionLock {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** An in-process lock: one promise chain per key, dropped when the chain drains. */
export class MemorySessionLock implements SessionLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    // A free key runs at once; a held one waits for the work before it, however that ended.
    const current = previous ? previous.then(fn, fn) : startNow(fn);
    // Registered before the caller's own await: the key is released before the caller goes on.
    const release = () => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    const tail: Promise<void> = current.then(release, release);
    this.tails.set(key, tail);
    return current;
  }

  async close(): Promise<void> {}
}
