// Other tabs' changes reach a socket's reactions at once, and bursts are merged into one trailing run. On fake
// timers (setTimeout and performance.now): what happens within the interval does not depend on how busy the machine
// is, and the trailing run's moment is checked exactly.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChangeBatcher } from "../../src/live/sync/change-batcher.ts";

const INTERVAL_MS = 40;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("ChangeBatcher", () => {
  it("runs the first change at once and merges a burst into one trailing run with every key", () => {
    const runs: string[][] = [];
    const batcher = new ChangeBatcher((keys) => runs.push(keys), INTERVAL_MS);
    batcher.add(["counter"]);
    expect(runs).toEqual([["counter"]]);
    batcher.add(["counter"]);
    vi.advanceTimersByTime(INTERVAL_MS / 2);
    batcher.add(["form_drafts"]);
    batcher.add(["counter"]);
    vi.advanceTimersByTime(INTERVAL_MS / 2 - 1);
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual([["counter"], ["counter", "form_drafts"]]);
    // A change a whole interval after the last run reacts at once again.
    vi.advanceTimersByTime(INTERVAL_MS);
    batcher.add(["a"]);
    expect(runs).toEqual([["counter"], ["counter", "form_drafts"], ["a"]]);
  });

  it("runs nothing after cancel", () => {
    const runs: string[][] = [];
    const batcher = new ChangeBatcher((keys) => runs.push(keys), 10);
    batcher.add(["a"]);
    batcher.add(["b"]);
    batcher.cancel();
    vi.advanceTimersByTime(100);
    expect(runs).toEqual([["a"]]);
  });
});
