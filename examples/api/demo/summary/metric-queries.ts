import {
  histogramQuantile,
  latestPoints,
  type ReceivedMetricPoint,
} from '@seda/test-utils';

/** Histogram points of one group added up, bucket by bucket. */
export interface MergedHistogram {
  count: number;
  explicitBounds: readonly number[];
  /** Absent when the points had different bounds. */
  bucketCounts: number[] | undefined;
}

/**
 * Returns the current point of each series of the metric `name`. The SDK
 * exports cumulative points, so the newest one of a series has its total.
 */
export function currentPoints(
  metrics: readonly ReceivedMetricPoint[],
  name: string,
): ReceivedMetricPoint[] {
  return latestPoints(metrics.filter((point) => point.name === name));
}

/** Groups points by a key made from each point, in first-seen order. */
export function groupPoints(
  points: readonly ReceivedMetricPoint[],
  keyOf: (point: ReceivedMetricPoint) => string,
): Map<string, ReceivedMetricPoint[]> {
  const groups = new Map<string, ReceivedMetricPoint[]>();

  for (const point of points) {
    const key = keyOf(point);
    const group = groups.get(key);

    if (group === undefined) groups.set(key, [point]);
    else group.push(point);
  }
  return groups;
}

/** Adds up the counts and buckets of explicit-bucket histogram points. */
export function mergeHistograms(
  points: readonly ReceivedMetricPoint[],
): MergedHistogram {
  const bounds = points[0]?.explicitBounds ?? [];
  const merged: MergedHistogram = {
    count: 0,
    explicitBounds: bounds,
    bucketCounts: new Array<number>(bounds.length + 1).fill(0),
  };

  for (const point of points) {
    merged.count += point.count ?? 0;
    if (!sameBounds(point.explicitBounds, bounds)) {
      merged.bucketCounts = undefined;
    } else if (merged.bucketCounts !== undefined) {
      addBuckets(merged.bucketCounts, point.bucketCounts ?? []);
    }
  }
  return merged;
}

function addBuckets(target: number[], source: readonly number[]): void {
  source.forEach((count, i) => {
    target[i] = (target[i] ?? 0) + count;
  });
}

/** Returns the 95th percentile in milliseconds, or NaN if it is unknown. */
export function p95Millis(histogram: MergedHistogram): number {
  if (histogram.bucketCounts === undefined) return Number.NaN;
  return (
    histogramQuantile(0.95, histogram.explicitBounds, histogram.bucketCounts) *
    1000
  );
}

/** Sums `value` of the sum or gauge points that `keep` selects. */
export function sumValues(
  points: readonly ReceivedMetricPoint[],
  keep: (point: ReceivedMetricPoint) => boolean = () => true,
): number {
  return points
    .filter(keep)
    .reduce((sum, point) => sum + (point.value ?? 0), 0);
}

function sameBounds(
  bounds: readonly number[] | undefined,
  expected: readonly number[],
): boolean {
  return (
    bounds !== undefined &&
    bounds.length === expected.length &&
    bounds.every((bound, i) => bound === expected[i])
  );
}
