// One socket's allowance of messages: a token bucket, and a second bucket that ends a socket ignoring refusals.
//
// The check runs before a frame is parsed or queued, so a flood costs a subtraction per frame, not a handler.

export type Verdict = "run" | "refuse" | "close";

/**
 * Two token buckets of `capacity` tokens refilled at `perSecond`: each message takes one from the first. Their state
 * is four numbers on this object, not two objects of their own: every open socket has one.
 */
export class RateLimit {
  private messages: number;
  private messagesAt: number;
  /**
   * Refusals, counted the same way: a client that slows down when told never empties it, a burst of clicks costs a
   * few error replies, and only a client that keeps sending at more than twice the rate runs out and is closed.
   */
  private refusals: number;
  private refusalsAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
  ) {
    this.messages = this.refusals = capacity;
    this.messagesAt = this.refusalsAt = performance.now();
  }

  /** For each incoming message: run it, refuse it with an error reply, or close the socket. */
  check(): Verdict {
    const now = performance.now();
    this.messages = this.refill(this.messages, now - this.messagesAt);
    this.messagesAt = now;
    if (this.messages >= 1) {
      this.messages -= 1;
      return "run";
    }
    this.refusals = this.refill(this.refusals, now - this.refusalsAt);
    this.refusalsAt = now;
    if (this.refusals < 1) return "close";
    this.refusals -= 1;
    return "refuse";
  }

  private refill(tokens: number, elapsedMs: number): number {
    return Math.min(this.capacity, tokens + (elapsedMs * this.perSecond) / 1000);
  }
}
