// A fixed-size log-linear latency histogram: recording allocates nothing, rounds merge by adding counts.

import { HISTOGRAM_MAX_EXPONENT, HISTOGRAM_SUB_BUCKET_BITS, HISTOGRAM_UNITS_PER_MS } from "../constants.ts";

const SUB = 1 << HISTOGRAM_SUB_BUCKET_BITS;
const MAX_UNITS = 2 ** HISTOGRAM_MAX_EXPONENT - 1;
/** Values below 2·SUB have their own bucket; above, each power of two splits into SUB buckets. */
const BUCKETS = (HISTOGRAM_MAX_EXPONENT - HISTOGRAM_SUB_BUCKET_BITS + 1) * SUB;

function bucketOf(units: number): number {
  if (units < SUB) return units;
  // 31 - clz32(v) is floor(log2(v)) for a 32-bit v.
  const shift = 31 - Math.clz32(units) - HISTOGRAM_SUB_BUCKET_BITS;
  return shift * SUB + (units >>> shift);
}

/** The middle of a bucket, in units. */
function valueOf(bucket: number): number {
  if (bucket < 2 * SUB) return bucket;
  const shift = Math.floor(bucket / SUB) - 1;
  const mantissa = bucket - shift * SUB;
  return (mantissa + 0.5) * 2 ** shift;
}

export class Histogram {
  readonly counts: Uint32Array;
  total = 0;

  constructor(counts?: ArrayLike<number>) {
    this.counts = new Uint32Array(BUCKETS);
    if (counts) this.add(counts);
  }

  record(ms: number): void {
    const units = Math.min(MAX_UNITS, Math.max(0, Math.round(ms * HISTOGRAM_UNITS_PER_MS)));
    this.counts[bucketOf(units)]!++;
    this.total++;
  }

  add(counts: ArrayLike<number>): void {
    for (let i = 0; i < counts.length; i++) {
      this.counts[i]! += counts[i]!;
      this.total += counts[i]!;
    }
  }

  /** The latency (ms) at quantile q (0..1); 0 when nothing was recorded. */
  quantile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return valueOf(i) / HISTOGRAM_UNITS_PER_MS;
    }
    return MAX_UNITS / HISTOGRAM_UNITS_PER_MS;
  }

  max(): number {
    for (let i = this.counts.length - 1; i >= 0; i--)
      if (this.counts[i]! > 0) return valueOf(i) / HISTOGRAM_UNITS_PER_MS;
    return 0;
  }

  /** The counts as a plain array, trimmed after the last non-empty bucket (for IPC and JSON). */
  toArray(): number[] {
    let end = this.counts.length;
    while (end > 0 && this.counts[end - 1] === 0) end--;
    return Array.from(this.counts.subarray(0, end));
  }
}
