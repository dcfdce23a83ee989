// The timers of a page under test: they run in real time, and `advance(ms)` runs at once every timer that would
// have fired within `ms` (debounces, a draft's quiet time, the reconnect backoff) without waiting for it.

type Callback = (...args: unknown[]) => void;

interface PendingTimer {
  due: number;
  seq: number;
  run: () => void;
  real: unknown;
}

/** What the clock needs of a window: its own timer functions, which it replaces. */
export interface TimerWindow {
  setTimeout(run: Callback, delay?: number, ...args: unknown[]): unknown;
  clearTimeout(id: unknown): void;
}

export class PageClock {
  /** Time skipped so far: the page's timers are due this much earlier than the wall clock says. */
  private skipped = 0;
  private nextId = 1;
  private readonly timers = new Map<number, PendingTimer>();

  install(window: TimerWindow): void {
    const realSet = window.setTimeout.bind(window);
    const realClear = window.clearTimeout.bind(window);
    window.setTimeout = (run: Callback, delay = 0, ...args: unknown[]) => {
      const id = this.nextId++;
      const fire = () => {
        this.timers.delete(id);
        run(...args);
      };
      const wait = Math.max(0, Number(delay) || 0);
      this.timers.set(id, { due: this.now() + wait, seq: id, run: fire, real: realSet(fire, wait) });
      return id;
    };
    window.clearTimeout = (id: unknown) => {
      const timer = this.timers.get(id as number);
      if (!timer) return;
      realClear(timer.real);
      this.timers.delete(id as number);
    };
    this.cancelReal = (timer) => realClear(timer.real);
  }

  /** Runs, in time order, every timer due within `ms` from now, timers they set included. */
  advance(ms: number): void {
    this.skipped += ms;
    for (let next = this.earliestDue(); next; next = this.earliestDue()) {
      this.cancelReal(next);
      next.run();
    }
  }

  private cancelReal: (timer: PendingTimer) => void = () => undefined;

  private now(): number {
    return Date.now() + this.skipped;
  }

  private earliestDue(): PendingTimer | undefined {
    let first: PendingTimer | undefined;
    const now = this.now();
    for (const timer of this.timers.values())
      if (timer.due <= now && (!first || timer.due < first.due || (timer.due === first.due && timer.seq < first.seq)))
        first = timer;
    return first;
  }
}
