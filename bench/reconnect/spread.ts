// How reconnections spread in time after a restart: a histogram, the busiest window, percentiles.

export interface Spread {
  count: number;
  /** Most reconnections within any one window of `windowMs` (sliding, not aligned to the buckets). */
  busiestWindow: number;
  windowMs: number;
  p50Ms: number;
  p90Ms: number;
  lastMs: number;
  /** Reconnections per bucket of `bucketMs`, from the restart on. */
  buckets: number[];
  bucketMs: number;
}

/** `times` are milliseconds since the server was back. */
export function spreadOf(times: number[], windowMs = 1000, bucketMs = 1000 / 2): Spread {
  const sorted = [...times].sort((a, b) => a - b);
  let busiestWindow = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first++;
    busiestWindow = Math.max(busiestWindow, last - first + 1);
  }
  const buckets: number[] = [];
  for (const t of sorted) {
    const b = Math.max(0, Math.floor(t / bucketMs));
    while (buckets.length <= b) buckets.push(0);
    buckets[b]!++;
  }
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    count: sorted.length,
    busiestWindow,
    windowMs,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    lastMs: sorted[sorted.length - 1] ?? 0,
    buckets,
    bucketMs,
  };
}

const BAR_WIDTH = 40;

/** One line per bucket, with a bar scaled to the fullest one. */
export function histogram(spread: Spread): string {
  const fullest = Math.max(1, ...spread.buckets);
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  return spread.buckets
    .map(
      (n, i) =>
        `${seconds(i * spread.bucketMs).padStart(5)}-${seconds((i + 1) * spread.bucketMs).padEnd(5)} s ${String(n).padStart(5)}  ${"#".repeat(Math.round((n / fullest) * BAR_WIDTH))}`,
    )
    .join("\n");
}

export function describeSpread(spread: Spread): string {
  const share = Math.round((spread.busiestWindow / Math.max(1, spread.count)) * 100);
  return (
    `${spread.count} reconnections; busiest ${spread.windowMs / 1000} s: ${spread.busiestWindow} (${share} %); ` +
    `p50 ${Math.round(spread.p50Ms)} ms, p90 ${Math.round(spread.p90Ms)} ms, last ${Math.round(spread.lastMs)} ms after the restart`
  );
}
