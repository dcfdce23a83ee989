// Virtual time for browser code that only uses setTimeout and clearTimeout: runs thousands of timers in order, at
// once, with no real waiting and no CPU noise in the timings.

interface Timer {
  id: number;
  at: number;
  seq: number;
  run: () => void;
}

export class VirtualClock {
  now = 0;
  private nextId = 1;
  private timers = new Map<number, Timer>();

  readonly setTimeout = (run: () => void, delay = 0): number => {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.now + Math.max(0, delay), seq: id, run });
    return id;
  };

  readonly clearTimeout = (id: number | undefined): void => {
    if (id !== undefined) this.timers.delete(id);
  };

  /** Runs every timer due up to `ms` from now, in time order (and creation order among equals), timers they set included. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (let next = this.earliest(); next && next.at <= until; next = this.earliest()) {
      this.timers.delete(next.id);
      this.now = next.at;
      next.run();
    }
    this.now = until;
  }

  private earliest(): Timer | undefined {
    let first: Timer | undefined;
    for (const timer of this.timers.values())
      if (!first || timer.at < first.at || (timer.at === first.at && timer.seq < first.seq)) first = timer;
    return first;
  }
}
