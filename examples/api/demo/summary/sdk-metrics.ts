import type { ReceivedMetricPoint } from '@seda/test-utils';
import type { DemoTelemetry } from '../demo-telemetry.js';
import { currentPoints, sumValues } from './metric-queries.js';
import { formatSection, formatTable } from './text-layout.js';

export const SDK_METRICS_TITLE = 'SDK self metrics (otel.sdk.*)';

export const SPANS_EXPORTED_METRIC = 'otel.sdk.exporter.span.exported';
export const SPANS_PROCESSED_METRIC = 'otel.sdk.processor.span.processed';
export const POINTS_EXPORTED_METRIC =
  'otel.sdk.exporter.metric_data_point.exported';

/** The SDK's counts of its own work, from its last metric export. */
export interface SdkCounts {
  spansExported: number;
  spansFailed: number;
  spansDropped: number;
  pointsExported: number;
  pointsFailed: number;
}

// The SDK sets `error.type` on these counters for the items that failed
// (exporters) or were dropped (processors), such as `queue_full`.
const succeeded = (point: ReceivedMetricPoint) =>
  point.attributes['error.type'] === undefined;
const failed = (point: ReceivedMetricPoint) => !succeeded(point);

export function summarizeSdkCounts(
  metrics: readonly ReceivedMetricPoint[],
): SdkCounts {
  const spansExported = currentPoints(metrics, SPANS_EXPORTED_METRIC);
  const spansProcessed = currentPoints(metrics, SPANS_PROCESSED_METRIC);
  const pointsExported = currentPoints(metrics, POINTS_EXPORTED_METRIC);

  return {
    spansExported: sumValues(spansExported, succeeded),
    spansFailed: sumValues(spansExported, failed),
    spansDropped: sumValues(spansProcessed, failed),
    pointsExported: sumValues(pointsExported, succeeded),
    pointsFailed: sumValues(pointsExported, failed),
  };
}

export function formatSdkMetrics(telemetry: DemoTelemetry): string {
  const counts = summarizeSdkCounts(telemetry.metrics);
  const withError = (metric: string) => `${metric} with error.type`;
  const rows: [string, number, string][] = [
    ['spans exported', counts.spansExported, SPANS_EXPORTED_METRIC],
    ['spans failed', counts.spansFailed, withError(SPANS_EXPORTED_METRIC)],
    ['spans dropped', counts.spansDropped, withError(SPANS_PROCESSED_METRIC)],
    ['metric points exported', counts.pointsExported, POINTS_EXPORTED_METRIC],
    [
      'metric points failed',
      counts.pointsFailed,
      withError(POINTS_EXPORTED_METRIC),
    ],
    ['spans the receiver got', telemetry.spans.length, '(OTLP receiver)'],
  ];
  const table = formatTable(
    [
      { title: 'measure' },
      { title: 'value', align: 'right' },
      { title: 'metric' },
    ],
    rows.map(([measure, value, metric]) => [measure, String(value), metric]),
  );

  return formatSection(SDK_METRICS_TITLE, [
    ...table,
    'The values are those of the last metric export, made at shutdown, so',
    'they count every span but not the metric points of that last export.',
  ]);
}
