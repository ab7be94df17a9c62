import type { ReceivedMetricPoint } from '@seda/test-utils';
import {
  currentPoints,
  groupPoints,
  mergeHistograms,
  p95Millis,
} from './metric-queries.js';
import { formatMillis, formatSection, formatTable } from './text-layout.js';

export const PRISMA_DURATION_METRIC = 'prisma.client.operation.duration';

export const PRISMA_OPERATIONS_TITLE = `Prisma operations (${PRISMA_DURATION_METRIC})`;

/** Operations of one model and method, from the duration histogram. */
export interface OperationStats {
  model: string;
  operation: string;
  count: number;
  /** Operations recorded with an `error.type`, such as `P2002`. */
  errors: number;
  p95Millis: number;
}

function operationStats(points: ReceivedMetricPoint[]): OperationStats {
  const first = points[0] as ReceivedMetricPoint;
  const histogram = mergeHistograms(points);
  const failed = points.filter(
    (point) => point.attributes['error.type'] !== undefined,
  );

  return {
    model: String(first.attributes['db.collection.name'] ?? '?'),
    operation: String(first.attributes['db.operation.name'] ?? '?'),
    count: histogram.count,
    errors: mergeHistograms(failed).count,
    p95Millis: p95Millis(histogram),
  };
}

/** Adds up the histogram per model and operation, over error types. */
export function summarizePrismaOperations(
  metrics: readonly ReceivedMetricPoint[],
): OperationStats[] {
  const points = currentPoints(metrics, PRISMA_DURATION_METRIC);
  const groups = groupPoints(points, (point) =>
    JSON.stringify([
      point.attributes['db.collection.name'],
      point.attributes['db.operation.name'],
    ]),
  );

  return [...groups.values()]
    .map(operationStats)
    .sort(
      (a, b) =>
        a.model.localeCompare(b.model) ||
        a.operation.localeCompare(b.operation),
    );
}

export function formatPrismaOperations(
  metrics: readonly ReceivedMetricPoint[],
): string {
  const operations = summarizePrismaOperations(metrics);
  const rows = operations.map((operation) => [
    operation.model,
    operation.operation,
    String(operation.count),
    String(operation.errors),
    formatMillis(operation.p95Millis),
  ]);
  const table = formatTable(
    [
      { title: 'model' },
      { title: 'operation' },
      { title: 'count', align: 'right' },
      { title: 'errors', align: 'right' },
      { title: 'p95 ms', align: 'right' },
    ],
    rows,
  );

  return formatSection(
    PRISMA_OPERATIONS_TITLE,
    operations.length === 0 ? ['No points of the histogram arrived.'] : table,
  );
}
