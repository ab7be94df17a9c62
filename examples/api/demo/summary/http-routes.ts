import type { ReceivedMetricPoint } from '@seda/test-utils';
import {
  currentPoints,
  groupPoints,
  mergeHistograms,
  p95Millis,
} from './metric-queries.js';
import {
  formatMillis,
  formatPercent,
  formatSection,
  formatTable,
} from './text-layout.js';

export const HTTP_DURATION_METRIC = 'http.server.request.duration';

export const HTTP_ROUTES_TITLE = `HTTP routes (${HTTP_DURATION_METRIC})`;

/** Requests of one method and route, from the duration histogram. */
export interface RouteStats {
  method: string;
  route: string;
  requests: number;
  clientErrors: number;
  serverErrors: number;
  p95Millis: number;
}

function statusOf(point: ReceivedMetricPoint): number {
  return Number(point.attributes['http.response.status_code'] ?? 0);
}

function countWhere(
  points: readonly ReceivedMetricPoint[],
  keep: (status: number) => boolean,
): number {
  return points
    .filter((point) => keep(statusOf(point)))
    .reduce((sum, point) => sum + (point.count ?? 0), 0);
}

function routeStats(points: ReceivedMetricPoint[]): RouteStats {
  const first = points[0] as ReceivedMetricPoint;
  const histogram = mergeHistograms(points);

  return {
    method: String(first.attributes['http.request.method'] ?? '?'),
    route: String(first.attributes['http.route'] ?? '(none)'),
    requests: histogram.count,
    clientErrors: countWhere(points, (status) => status >= 400 && status < 500),
    serverErrors: countWhere(points, (status) => status >= 500),
    p95Millis: p95Millis(histogram),
  };
}

/**
 * Adds up the current duration histogram per method and route over every
 * status code, sorted by route and then method.
 */
export function summarizeRoutes(
  metrics: readonly ReceivedMetricPoint[],
): RouteStats[] {
  const points = currentPoints(metrics, HTTP_DURATION_METRIC);
  const groups = groupPoints(points, (point) =>
    JSON.stringify([
      point.attributes['http.route'],
      point.attributes['http.request.method'],
    ]),
  );

  return [...groups.values()]
    .map(routeStats)
    .sort(
      (a, b) =>
        a.route.localeCompare(b.route) || a.method.localeCompare(b.method),
    );
}

export function formatHttpRoutes(
  metrics: readonly ReceivedMetricPoint[],
): string {
  const routes = summarizeRoutes(metrics);
  const rows = routes.map((route) => [
    route.method,
    route.route,
    String(route.requests),
    formatPercent(route.serverErrors, route.requests),
    formatPercent(route.clientErrors, route.requests),
    formatMillis(route.p95Millis),
  ]);
  const table = formatTable(
    [
      { title: 'method' },
      { title: 'route' },
      { title: 'requests', align: 'right' },
      { title: '5xx', align: 'right' },
      { title: '4xx', align: 'right' },
      { title: 'p95 ms', align: 'right' },
    ],
    rows,
  );

  return formatSection(HTTP_ROUTES_TITLE, [
    ...(routes.length === 0 ? ['No points of the histogram arrived.'] : table),
    'p95 is interpolated within the exported histogram buckets. The SDK',
    'records requests that no route matched under the route `unmatched`.',
  ]);
}
