import type { ReceivedMetricPoint, ReceivedSpan } from '@seda/test-utils';
import type { DemoTelemetry } from './demo-telemetry.js';
import { findMessagePostTrace } from './summary/example-trace.js';
import { HTTP_DURATION_METRIC } from './summary/http-routes.js';
import { PRISMA_DURATION_METRIC } from './summary/prisma-operations.js';
import {
  POINTS_EXPORTED_METRIC,
  SPANS_EXPORTED_METRIC,
  SPANS_PROCESSED_METRIC,
} from './summary/sdk-metrics.js';

/** One signal the demo expects, and how to tell that it arrived. */
export interface SignalCheck {
  /** A stable short name, such as `prisma-operation-spans`. */
  id: string;
  /** Description of the signal, as printed for a reader. */
  signal: string;
  arrived(telemetry: DemoTelemetry): boolean;
}

const hasMetric = (metrics: readonly ReceivedMetricPoint[], name: string) =>
  metrics.some((point) => point.name === name);

const isNestSpan = (span: ReceivedSpan, type: string) =>
  span.attributes['nestjs.type'] === type;

const SDK_METRICS = [
  SPANS_EXPORTED_METRIC,
  SPANS_PROCESSED_METRIC,
  POINTS_EXPORTED_METRIC,
];

/** A route template such as `/rooms/:roomId/messages`, not a raw path. */
const ROUTE_TEMPLATE = /\/:[A-Za-z]/;

export const SIGNAL_CHECKS: readonly SignalCheck[] = [
  {
    id: 'server-spans',
    signal: 'HTTP server spans with http.route',
    arrived: ({ spans }) =>
      spans.some(
        (span) =>
          span.kind === 'SERVER' && span.attributes['http.route'] !== undefined,
      ),
  },
  {
    id: 'nest-spans',
    signal: 'Nest spans (request_context and handler)',
    arrived: ({ spans }) =>
      spans.some((span) => isNestSpan(span, 'request_context')) &&
      spans.some((span) => isNestSpan(span, 'handler')),
  },
  {
    id: 'prisma-operation-spans',
    signal: 'Prisma operation spans (prisma:client:operation)',
    arrived: ({ spans }) =>
      spans.some((span) => span.name === 'prisma:client:operation'),
  },
  {
    id: 'prisma-query-spans',
    signal: 'Prisma query spans (prisma:client:db_query)',
    arrived: ({ spans }) =>
      spans.some((span) => span.name === 'prisma:client:db_query'),
  },
  {
    id: 'message-post-trace',
    signal: 'a message post trace from the server span down to a query',
    arrived: ({ spans }) => findMessagePostTrace(spans) !== undefined,
  },
  {
    id: 'http-duration-routes',
    signal: `${HTTP_DURATION_METRIC} with route templates`,
    arrived: ({ metrics }) =>
      metrics.some(
        (point) =>
          point.name === HTTP_DURATION_METRIC &&
          ROUTE_TEMPLATE.test(String(point.attributes['http.route'] ?? '')),
      ),
  },
  {
    id: 'prisma-duration',
    signal: PRISMA_DURATION_METRIC,
    arrived: ({ metrics }) => hasMetric(metrics, PRISMA_DURATION_METRIC),
  },
  {
    id: 'sdk-self-metrics',
    signal: `SDK self metrics (${SDK_METRICS.join(', ')})`,
    arrived: ({ metrics }) =>
      SDK_METRICS.every((name) => hasMetric(metrics, name)),
  },
  {
    id: 'prometheus-scrape',
    signal: 'a Prometheus scrape with http_server_request_duration',
    arrived: ({ scrape }) =>
      scrape?.text?.includes('http_server_request_duration') ?? false,
  },
];

/** Returns the checks of `SIGNAL_CHECKS` whose signal did not arrive. */
export function findMissingSignals(telemetry: DemoTelemetry): SignalCheck[] {
  return SIGNAL_CHECKS.filter((check) => !check.arrived(telemetry));
}
