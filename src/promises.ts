// Promises on the per-event path: each one made, and each `then` on a promise a callback returns, costs an
// allocation and turns of the microtask queue. Two helpers keep the hot path to the promises it needs.

/** `fn()` started now, with a synchronous throw turned into a rejection (as `then` would do a turn later). */
export function startNow<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (error) {
    return Promise.reject(error);
  }
}

/** What a step that finished synchronously returns: one settled promise, shared, never a new one. */
export const DONE: Promise<void> = Promise.resolve();
