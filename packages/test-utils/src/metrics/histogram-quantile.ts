function validateBuckets(
  explicitBounds: readonly number[],
  bucketCounts: readonly number[],
): void {
  if (bucketCounts.length !== explicitBounds.length + 1) {
    throw new RangeError(
      `histogramQuantile: expected ${explicitBounds.length + 1} bucket ` +
        `counts for ${explicitBounds.length} bounds, got ${bucketCounts.length}`,
    );
  }
  explicitBounds.forEach((bound, i) => {
    const previous = explicitBounds[i - 1];

    if (previous !== undefined && !(bound > previous)) {
      throw new RangeError(
        `histogramQuantile: bounds must increase, got ${previous} then ${bound}`,
      );
    }
  });
}

/**
 * Estimates the `q`-quantile (0 ≤ q ≤ 1) of an OTLP explicit-bucket
 * histogram the way Prometheus's `histogram_quantile` does for classic
 * histograms (`bucketQuantile` in prometheus/promql/quantile.go).
 * `bucketCounts` are per bucket, not cumulative. Bucket i contains the values
 * in (explicitBounds[i-1], explicitBounds[i]], and the last bucket everything
 * above the last bound.
 *
 * The rank q × total falls in the first non-empty bucket whose cumulative
 * count reaches it, and the result is interpolated linearly between that
 * bucket's bounds, as if its values were spread evenly. Edge cases:
 * - A NaN q gives NaN, q below 0 gives -Infinity and q above 1 +Infinity.
 * - An empty histogram, or one without a finite bound, gives NaN.
 * - A rank in the +Inf bucket gives the largest finite bound, because
 *   nothing is known above it.
 * - The first bucket's lower bound is taken as 0 when its upper bound is
 *   positive. Otherwise a rank in it gives its upper bound.
 * - Empty buckets are skipped. So q = 0 gives the lower bound of the first
 *   non-empty bucket, where Prometheus divides 0 by 0 when the first bucket
 *   is empty and returns NaN.
 *
 * Throws a RangeError when the count and bound lists do not fit together.
 */
export function histogramQuantile(
  q: number,
  explicitBounds: readonly number[],
  bucketCounts: readonly number[],
): number {
  validateBuckets(explicitBounds, bucketCounts);

  const total = bucketCounts.reduce((sum, count) => sum + count, 0);

  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  if (total === 0 || explicitBounds.length === 0) return Number.NaN;
  return interpolate(q * total, explicitBounds, bucketCounts);
}

function interpolate(
  rank: number,
  explicitBounds: readonly number[],
  bucketCounts: readonly number[],
): number {
  let below = 0;

  for (const [i, count] of bucketCounts.entries()) {
    if (count > 0 && below + count >= rank) {
      return interpolateInBucket(i, rank - below, count, explicitBounds);
    }
    below += count;
  }
  // Reached only through rounding of q × total; the rank is at the very top.
  return explicitBounds[explicitBounds.length - 1] as number;
}

function interpolateInBucket(
  index: number,
  rankInBucket: number,
  count: number,
  explicitBounds: readonly number[],
): number {
  const upper = explicitBounds[index];

  if (upper === undefined) {
    return explicitBounds[explicitBounds.length - 1] as number;
  }

  const lower = index === 0 ? 0 : (explicitBounds[index - 1] as number);

  if (index === 0 && upper <= 0) return upper;
  return lower + (upper - lower) * (rankInBucket / count);
}
