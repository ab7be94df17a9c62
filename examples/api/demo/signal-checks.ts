import type { ReceivedMetricPoint, ReceivedSpan } from '@seda/test-utils';
import { BUSINESS_SIGNAL_CHECKS } from './business-checks.js';
import type { DemoTelemetry } from './demo-telemetry.js';
import { findMessagePostTrace } from './summary/example-trace.js';
import {
  HEALTH_DURATION_METRIC,
  HEALTH_LAST_SUCCESS_METRIC,
  HEALTH_OVERALL_METRIC,
  HEALTH_STATUS_METRIC,
  overallTimeline,
  summarizeHealthChecks,
} from './summary/health-checks.js';
import { HTTP_DURATION_METRIC } from './summary/http-routes.js';
import { hasLogInExportedTrace } from './summary/log-trace.js';
import { PRISMA_DURATION_METRIC } from './summary/prisma-operations.js';
import {
  POINTS_EXPORTED_METRIC,
  SPANS_EXPORTED_METRIC,
  SPANS_PROCESSED_METRIC,
} from './summary/sdk-metrics.js';
import { WEBSOCKET_SIGNAL_CHECKS } from './websocket-checks.js';

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

const HEALTH_METRICS = [
  HEALTH_STATUS_METRIC,
  HEALTH_DURATION_METRIC,
  HEALTH_LAST_SUCCESS_METRIC,
  HEALTH_OVERALL_METRIC,
];

/** The statuses the stopped stub should move the auth check through. */
const isUpThenDown = (statuses: readonly string[]) =>
  statuses.length >= 2 && statuses[0] === 'up' && statuses.at(-1) === 'down';

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
    id: 'log-records',
    signal: 'log records of the API with severity and body',
    arrived: ({ logs }) =>
      logs.some(
        (record) =>
          record.severityNumber > 0 &&
          typeof record.body === 'string' &&
          record.resource['service.name'] === 'seda-api',
      ),
  },
  {
    id: 'log-in-trace',
    signal: 'a log record with the trace id of an exported trace',
    arrived: hasLogInExportedTrace,
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
    id: 'health-metrics',
    signal: `health metrics (${HEALTH_METRICS.join(', ')})`,
    arrived: ({ metrics }) =>
      HEALTH_METRICS.every((name) => hasMetric(metrics, name)),
  },
  {
    id: 'health-status-change',
    signal: `${HEALTH_STATUS_METRIC} of auth going from up to down`,
    arrived: ({ metrics }) =>
      summarizeHealthChecks(metrics).some(
        (check) => check.name === 'auth' && isUpThenDown(check.statuses),
      ),
  },
  {
    id: 'health-overall-change',
    signal: `${HEALTH_OVERALL_METRIC} going from healthy to degraded`,
    arrived: ({ metrics }) => {
      const statuses = overallTimeline(metrics);

      return statuses[0] === 'healthy' && statuses.at(-1) === 'degraded';
    },
  },
  ...BUSINESS_SIGNAL_CHECKS,
  ...WEBSOCKET_SIGNAL_CHECKS,
  {
    id: 'prometheus-scrape',
    signal:
      'a Prometheus scrape with http_server_request_duration and ' +
      'seda_message_sent_total',
    arrived: ({ scrape }) =>
      (scrape?.text?.includes('http_server_request_duration') ?? false) &&
      scrape?.text?.includes('seda_message_sent_total') === true,
  },
];

/** Returns the checks of `SIGNAL_CHECKS` whose signal did not arrive. */
export function findMissingSignals(telemetry: DemoTelemetry): SignalCheck[] {
  return SIGNAL_CHECKS.filter((check) => !check.arrived(telemetry));
}
