// One socket's allowance of messages: a token bucket, and a second bucket that ends a socket ignoring refusals.
//
// The check runs before a frame is parsed or queued, so a flood costs a subtraction per frame, not a handler.

export type Verdict = "run" | "refuse" | "close";

/** Holds up to `capacity` tokens, refilled at `perSecond`; each message takes one. */
class TokenBucket {
  private tokens: number;
  private at = performance.now();

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
  ) {
    this.tokens = capacity;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) * this.perSecond) / 1000);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export class RateLimit {
  private readonly messages: TokenBucket;
  /**
   * Refusals, counted the same way: a client that slows down when told never empties it, a burst of clicks costs a
   * few error replies, and only a client that keeps sending at more than twice the rate runs out and is closed.
   */
  private readonly refusals: TokenBucket;

  constructor(perSecond: number, burst: number) {
    this.messages = new TokenBucket(perSecond, burst);
    this.refusals = new TokenBucket(perSecond, burst);
  }

  /** For each incoming message: run it, refuse it with an error reply, or close the socket. */
  check(): Verdict {
    const now = performance.now();
    if (this.messages.take(now)) return "run";
    return this.refusals.take(now) ? "refuse" : "close";
  }
}
