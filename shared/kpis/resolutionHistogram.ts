/**
 * Fixed buckets for end-to-end resolution time, as lower bounds in hours; the last is open-ended
 * (two weeks and more). Fixed buckets let days be added together, which exact times cannot be
 * without keeping every one.
 */
export const resolutionBuckets: readonly number[] = [0, 1, 2, 4, 8, 16, 24, 48, 72, 120, 168, 336];

/** The bucket index for a duration in minutes. */
export function resolutionBucketOf(minutes: number): number {
  const hours = minutes / 60;
  let index = 0;
  for (let i = 0; i < resolutionBuckets.length; i++) {
    if (hours >= (resolutionBuckets[i] ?? Infinity)) index = i;
  }
  return index;
}

/**
 * The `quantile` (0–1) of the durations counted in `histogram`, in hours, or null when it is
 * empty. Bucket-accurate, not exact: within its bucket the value is interpolated as if the
 * durations there were spread evenly. In the open last bucket there is no upper bound to
 * interpolate to, so its lower bound (336 h) is the answer: "at least two weeks".
 */
export function histogramQuantile(histogram: readonly number[], quantile: number): number | null {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = quantile * total;
  let before = 0;
  for (let i = 0; i < histogram.length; i++) {
    const count = histogram[i] ?? 0;
    if (count > 0 && before + count >= rank) {
      const low = resolutionBuckets[i] ?? 0;
      const high = resolutionBuckets[i + 1];
      if (high === undefined) return low;
      return low + ((rank - before) / count) * (high - low);
    }
    before += count;
  }
  return resolutionBuckets[resolutionBuckets.length - 1] ?? 0;
}
