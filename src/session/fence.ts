// Fencing tokens: each grant of a shared session lock carries a number larger than every earlier grant's for that
// key, and a store refuses a write whose token is older than the one it last stored. A holder that stalled past its
// lease (a GC pause, a stopped VM) and wakes up after another took the lock cannot overwrite that one's work.

import { AsyncLocalStorage } from "node:async_hooks";

interface Fence {
  key: string;
  token: number;
}

const current = new AsyncLocalStorage<Fence>();

/** Runs `fn` as the holder of `key`'s lock under `token`: the session stores it calls check that token. */
export function runFenced<T>(key: string, token: number, fn: () => Promise<T>): Promise<T> {
  return current.run({ key, token }, fn);
}

/**
 * The token of the lock held on `key` by the code running now, or null (no shared lock: in-process locks need no
 * fence). A write to another key (a login moving the session to a new one) carries none.
 */
export function fenceFor(key: string): number | null {
  const fence = current.getStore();
  return fence && fence.key === key ? fence.token : null;
}
