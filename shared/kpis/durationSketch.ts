import { z } from 'zod';

/**
 * End-to-end times as a log-bucketed sketch (the DDSketch idea): bucket `i` holds durations in
 * (γ^(i-1), γ^i] minutes, bucket `0` everything up to one minute. Any value read back is within
 * `sketchRelativeError` of a true one, and sketches of different days add up bucket by bucket,
 * so a year's percentiles come from 366 × 8 small documents, not from every completion kept.
 */
const gamma = 1.02;

/** At most this fraction off the true value: (γ − 1) / (γ + 1), just under 1 %. */
export const sketchRelativeError = (gamma - 1) / (gamma + 1);

/** Counts by bucket index (as a string key), only the buckets that have any. */
export const DurationSketch = z.record(z.string().regex(/^\d+$/), z.int().min(1));
export type DurationSketch = z.infer<typeof DurationSketch>;

export const sketchBucketOf = (minutes: number): number =>
  minutes <= 1 ? 0 : Math.ceil(Math.log(minutes) / Math.log(gamma));

/** The value a bucket stands for: the point whose relative distance to both ends is equal. */
const representative = (bucket: number): number => (bucket === 0 ? 0 : (2 * gamma ** bucket) / (gamma + 1));

export function addToSketch(sketch: DurationSketch, minutes: number): DurationSketch {
  const key = String(sketchBucketOf(minutes));
  return { ...sketch, [key]: (sketch[key] ?? 0) + 1 };
}

export function mergeSketches(sketches: readonly DurationSketch[]): DurationSketch {
  const merged: Record<string, number> = {};
  for (const sketch of sketches)
    for (const [key, count] of Object.entries(sketch)) merged[key] = (merged[key] ?? 0) + count;
  return merged;
}

/**
 * The `quantile` (0–1) in minutes, as PERCENTILE.INC defines it (linear between the two nearest
 * ranks, so the median of an even count is the mean of the middle two), or null when empty. Each
 * ranked value is a bucket's representative, so the result is within `sketchRelativeError`.
 */
export function sketchQuantile(sketch: DurationSketch, quantile: number): number | null {
  const buckets = Object.entries(sketch)
    .map(([key, count]) => ({ bucket: Number(key), count }))
    .sort((a, b) => a.bucket - b.bucket);
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  const valueAt = (rank: number): number => {
    let seen = 0;
    for (const { bucket, count } of buckets) {
      seen += count;
      if (rank < seen) return representative(bucket);
    }
    return representative(buckets[buckets.length - 1]?.bucket ?? 0);
  };
  const h = (total - 1) * quantile;
  const low = Math.floor(h);
  const lower = valueAt(low);
  return low === h ? lower : lower + (h - low) * (valueAt(low + 1) - lower);
}
