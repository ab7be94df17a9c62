import type { TimeWindow } from '../attribute-values.js';
import type { GaugeReading } from '../gauges/types.js';
import type { WindowStarts } from './windows.js';

/** Returns a Prisma filter on a creation time, empty for the `all` window. */
export function createdSince(
  since: Date | undefined,
  field = 'createdAt',
): Record<string, unknown> {
  return since === undefined ? {} : { [field]: { gte: since } };
}

/**
 * Runs `count` once per window, one after the other, and stops between two
 * statements once `signal` has aborted.
 */
export async function countPerWindow(
  signal: AbortSignal,
  starts: WindowStarts,
  windows: readonly TimeWindow[],
  count: (since: Date | undefined) => PromiseLike<number>,
): Promise<GaugeReading[]> {
  const readings: GaugeReading[] = [];
  for (const window of windows) {
    signal.throwIfAborted();
    const since = window === 'all' ? undefined : starts[window];
    readings.push({
      value: Number(await count(since)),
      attributes: { 'seda.window': window },
    });
  }
  return readings;
}

/**
 * Adds up the `_count._all` of `groupBy` rows by the value of `field`.
 *
 * @throws TypeError when the rows are not an array.
 */
export function groupCounts(
  rows: unknown,
  field: string,
): Map<unknown, number> {
  if (!Array.isArray(rows)) {
    throw new TypeError(`expected groupBy rows, got ${typeof rows}`);
  }

  const counts = new Map<unknown, number>();
  for (const row of rows as Record<string, unknown>[]) {
    const count = Number((row?._count as { _all?: unknown } | undefined)?._all);
    const key = row?.[field];
    counts.set(key, (counts.get(key) ?? 0) + count);
  }
  return counts;
}
