import type { ReceivedMetricPoint } from '../types.js';

/** Builds a key for an attribute set that ignores the order of its keys. */
function attributeKey(attributes: Record<string, unknown>): string {
  const sorted = Object.keys(attributes)
    .sort()
    .map((key) => [key, attributes[key]]);

  return JSON.stringify(sorted, (_key, value: unknown) => {
    if (typeof value === 'bigint') return `${value}n`;
    if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
    return value;
  });
}

/**
 * Keeps the newest point (by `timeUnixNano`, then arrival order) of each
 * metric name and attribute set, which is the current value of a cumulative
 * metric exported several times. The result keeps the order in which each
 * series first appeared.
 *
 * NOTE: the resource is not part of the series key, so points from two
 * processes with the same name and attributes collapse into one. Filter by
 * `point.resource` first when several processes export to one receiver.
 */
export function latestPoints(
  points: readonly ReceivedMetricPoint[],
): ReceivedMetricPoint[] {
  const latest = new Map<string, ReceivedMetricPoint>();

  for (const point of points) {
    const key = `${point.name}\u0000${attributeKey(point.attributes)}`;
    const current = latest.get(key);

    if (current === undefined || point.timeUnixNano >= current.timeUnixNano) {
      latest.set(key, point);
    }
  }
  return [...latest.values()];
}

/** The numeric field that `sumBy` adds up. */
export type SummedField = 'value' | 'count' | 'sum';

/**
 * Adds up `field` of the points, grouped by the string form of the attribute
 * `attributeKey`. The default field is `value`, the number of a sum or gauge
 * point, and `count` suits histograms. Points without that attribute or
 * without the field are left out. Pass `latestPoints(points)` for cumulative
 * metrics, so that each series counts once.
 */
export function sumBy(
  points: readonly ReceivedMetricPoint[],
  attributeKey: string,
  field: SummedField = 'value',
): Record<string, number> {
  const sums: Record<string, number> = {};

  for (const point of points) {
    const group = point.attributes[attributeKey];
    const amount = point[field];

    if (group === undefined || amount === undefined) continue;
    sums[String(group)] = (sums[String(group)] ?? 0) + amount;
  }
  return sums;
}
