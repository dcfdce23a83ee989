// Other tabs' changes reach a socket's reactions at once, and bursts are merged into one trailing run.

import { describe, expect, it } from "vitest";
import { ChangeBatcher } from "../../src/live/sync/change-batcher.ts";

describe("ChangeBatcher", () => {
  it("runs the first change at once and merges a burst into one trailing run with every key", async () => {
    const runs: string[][] = [];
    let trailing!: () => void;
    const trailed = new Promise<void>((resolve) => (trailing = resolve));
    const batcher = new ChangeBatcher((keys) => {
      runs.push(keys);
      if (runs.length === 2) trailing();
    }, 40);
    batcher.add(["counter"]);
    expect(runs).toEqual([["counter"]]);
    batcher.add(["counter"]);
    batcher.add(["form_drafts"]);
    batcher.add(["counter"]);
    expect(runs).toHaveLength(1);
    await trailed;
    expect(runs).toEqual([["counter"], ["counter", "form_drafts"]]);
  });

  it("runs nothing after cancel", async () => {
    const runs: string[][] = [];
    const batcher = new ChangeBatcher((keys) => runs.push(keys), 10);
    batcher.add(["a"]);
    batcher.add(["b"]);
    batcher.cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toEqual([["a"]]);
  });
});
