import type { ReceivedMetricPoint } from '@seda/test-utils';
import {
  currentPoints,
  groupPoints,
  mergeHistograms,
  p95Millis,
} from './metric-queries.js';
import { formatMillis, formatSection, formatTable } from './text-layout.js';

export const HEALTH_STATUS_METRIC = 'health.check.status';
export const HEALTH_DURATION_METRIC = 'health.check.duration';
export const HEALTH_LAST_SUCCESS_METRIC = 'health.check.last_success';
export const HEALTH_OVERALL_METRIC = 'health.status';

export const HEALTH_CHECKS_TITLE = 'Health checks (health.*)';

/** Names of the values of `health.check.status` and `health.status`. */
const CHECK_STATUS_NAMES: Record<number, string> = {
  1: 'up',
  0.5: 'degraded',
  0: 'down',
};
const OVERALL_STATUS_NAMES: Record<number, string> = {
  1: 'healthy',
  0.5: 'degraded',
  0: 'unhealthy',
};

/** One check as its metrics tell it. */
export interface HealthCheckStats {
  name: string;
  kind: string;
  /** The distinct statuses of the exported gauge, in time order. */
  statuses: string[];
  runs: number;
  p95Millis: number;
}

/**
 * Returns the statuses of a gauge over the exports, in time order, with
 * repeats of the same status collapsed: `['up', 'down']` for a change.
 */
export function statusTimeline(
  points: readonly ReceivedMetricPoint[],
  names: Record<number, string>,
): string[] {
  const sorted = [...points].sort((a, b) =>
    a.timeUnixNano < b.timeUnixNano
      ? -1
      : a.timeUnixNano > b.timeUnixNano
        ? 1
        : 0,
  );
  const timeline: string[] = [];

  for (const point of sorted) {
    const status = names[point.value ?? -1] ?? String(point.value);

    if (timeline.at(-1) !== status) timeline.push(status);
  }
  return timeline;
}

const checkName = (point: ReceivedMetricPoint) =>
  String(point.attributes['health.check.name'] ?? '?');

export function summarizeHealthChecks(
  metrics: readonly ReceivedMetricPoint[],
): HealthCheckStats[] {
  const statusPoints = metrics.filter(
    (point) => point.name === HEALTH_STATUS_METRIC,
  );
  const durations = groupPoints(
    currentPoints(metrics, HEALTH_DURATION_METRIC),
    checkName,
  );

  return [...groupPoints(statusPoints, checkName).entries()].map(
    ([name, points]) => {
      const histogram = mergeHistograms(durations.get(name) ?? []);

      return {
        name,
        kind: String(points[0]?.attributes['health.check.kind'] ?? '?'),
        statuses: statusTimeline(points, CHECK_STATUS_NAMES),
        runs: histogram.count,
        p95Millis: p95Millis(histogram),
      };
    },
  );
}

/** Returns the statuses of `health.status` over the exports, in time order. */
export function overallTimeline(
  metrics: readonly ReceivedMetricPoint[],
): string[] {
  return statusTimeline(
    metrics.filter((point) => point.name === HEALTH_OVERALL_METRIC),
    OVERALL_STATUS_NAMES,
  );
}

export function formatHealthChecks(
  metrics: readonly ReceivedMetricPoint[],
): string {
  const checks = summarizeHealthChecks(metrics);
  const rows = checks.map((check) => [
    check.name,
    check.kind,
    check.statuses.join(' → '),
    String(check.runs),
    formatMillis(check.p95Millis),
  ]);
  const table = formatTable(
    [
      { title: 'check' },
      { title: 'kind' },
      { title: 'status over the exports' },
      { title: 'runs', align: 'right' },
      { title: 'p95 ms', align: 'right' },
    ],
    rows,
  );
  const overall = overallTimeline(metrics);

  return formatSection(HEALTH_CHECKS_TITLE, [
    ...(checks.length === 0
      ? [`No points of ${HEALTH_STATUS_METRIC} arrived.`]
      : table),
    `${HEALTH_OVERALL_METRIC}: ${overall.join(' → ') || 'no points'}`,
    'Gauges: 1 up (healthy), 0.5 degraded, 0 down (unhealthy). Runs and p95',
    `come from ${HEALTH_DURATION_METRIC}, counting background and probe`,
    'runs alike.',
  ]);
}
