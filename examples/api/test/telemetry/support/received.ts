import {
  latestPoints,
  type OtlpReceiver,
  type ReceivedMetricPoint,
  type ReceivedSpan,
  type ReceivedTelemetry,
} from '@seda/test-utils';

/** How long a test waits for telemetry to arrive, in milliseconds. */
export const ARRIVAL_TIMEOUT_MILLIS = 10_000;

/**
 * Waits until `assertion` passes on what the receiver holds, checking again
 * after every export. On timeout it rejects with the assertion's last
 * failure and a list of what did arrive.
 */
export async function waitUntilPasses(
  receiver: OtlpReceiver,
  assertion: (received: ReceivedTelemetry) => void,
): Promise<void> {
  await receiver.waitFor(
    (received) => {
      assertion(received);
      return true;
    },
    { timeoutMillis: ARRIVAL_TIMEOUT_MILLIS },
  );
}

/** Returns the newest point of each series of the metric `name`. */
export function latestSeries(
  points: readonly ReceivedMetricPoint[],
  name: string,
): ReceivedMetricPoint[] {
  return latestPoints(points.filter((point) => point.name === name));
}

/**
 * Adds up histogram counts by series, keyed by the values of `keys` joined
 * with spaces, for example `GET /rooms/:id 200`. Keys a series lacks are
 * left out of its key.
 */
export function countBySeries(
  points: readonly ReceivedMetricPoint[],
  keys: readonly string[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const point of points) {
    const key = keys
      .map((name) => point.attributes[name])
      .filter((value) => value !== undefined)
      .join(' ');
    counts[key] = (counts[key] ?? 0) + (point.count ?? 0);
  }
  return counts;
}

/** Sums `http.server.request.duration` counts by method, route and status. */
export function serverRequestCounts(
  points: readonly ReceivedMetricPoint[],
): Record<string, number> {
  return countBySeries(latestSeries(points, 'http.server.request.duration'), [
    'http.request.method',
    'http.route',
    'http.response.status_code',
  ]);
}

/**
 * Sums `prisma.client.operation.duration` counts by model and operation,
 * with the error type last for failed operations, such as
 * `User create P2002`.
 */
export function prismaOperationCounts(
  points: readonly ReceivedMetricPoint[],
): Record<string, number> {
  return countBySeries(
    latestSeries(points, 'prisma.client.operation.duration'),
    ['db.collection.name', 'db.operation.name', 'error.type'],
  );
}

export function serverSpans(spans: readonly ReceivedSpan[]): ReceivedSpan[] {
  return spans.filter((span) => span.kind === 'SERVER');
}
