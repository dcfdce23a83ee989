// The sessions this process saved last, kept whole: the next handler on one of them resumes it without a read.

import { SESSION_COPIES_KEPT } from "../constants.ts";
import type { SessionState } from "./session.ts";

/**
 * Least recently used first out. A copy is taken out while a handler uses it and put back only after its save, so
 * a handler that throws (its copy half changed) leaves nothing behind; whether a copy is still what is stored is
 * the store's to say (PipelinedStore.isCurrent).
 */
export class SessionCopies {
  private readonly copies = new Map<string, SessionState>();

  constructor(private readonly capacity = SESSION_COPIES_KEPT) {}

  take(key: string): SessionState | null {
    const copy = this.copies.get(key);
    if (copy === undefined) return null;
    this.copies.delete(key);
    return copy;
  }

  put(copy: SessionState): void {
    this.copies.delete(copy.key);
    this.copies.set(copy.key, copy);
    if (this.copies.size > this.capacity) this.copies.delete(this.copies.keys().next().value!);
  }

  delete(key: string): void {
    this.copies.delete(key);
  }
}
