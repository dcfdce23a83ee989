// Merges the session changes a socket hears into reactions at most once per interval: the first change reacts at
// once, the changes that arrive during the interval are merged into one trailing run. With many tabs on one session
// this bounds the re-rendering each socket does, whatever the rate of changes.

import { REACTION_INTERVAL_MS } from "../../constants.ts";

export class ChangeBatcher {
  private pending: Set<string> | null = null;
  private lastRun = -Infinity;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly run: (keys: string[]) => void,
    private readonly intervalMs = REACTION_INTERVAL_MS,
  ) {}

  add(keys: string[]): void {
    this.pending ??= new Set();
    for (const key of keys) this.pending.add(key);
    if (this.timer) return;
    const wait = this.lastRun + this.intervalMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private flush(): void {
    this.timer = null;
    const keys = [...(this.pending ?? [])];
    this.pending = null;
    this.lastRun = performance.now();
    if (keys.length > 0) this.run(keys);
  }
}
