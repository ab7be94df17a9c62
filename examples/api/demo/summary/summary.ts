import type { DemoTelemetry } from '../demo-telemetry.js';
import type { TrafficStats } from '../traffic/traffic-stats.js';
import {
  BUSINESS_METRICS_TITLE,
  formatBusinessMetrics,
} from './business-metrics.js';
import { EXAMPLE_TRACE_TITLE, formatExampleTrace } from './example-trace.js';
import {
  EXPECTED_SIGNALS_TITLE,
  formatExpectedSignals,
} from './expected-signals.js';
import { formatHealthChecks, HEALTH_CHECKS_TITLE } from './health-checks.js';
import { formatHttpRoutes, HTTP_ROUTES_TITLE } from './http-routes.js';
import { formatLogTrace, LOG_TRACE_TITLE } from './log-trace.js';
import {
  formatPrismaOperations,
  PRISMA_OPERATIONS_TITLE,
} from './prisma-operations.js';
import {
  formatPrometheusExcerpt,
  PROMETHEUS_EXCERPT_TITLE,
} from './prometheus-excerpt.js';
import { formatSdkMetrics, SDK_METRICS_TITLE } from './sdk-metrics.js';
import { formatSpansByName, SPANS_BY_NAME_TITLE } from './spans-by-name.js';
import { formatTrafficSent, TRAFFIC_SENT_TITLE } from './traffic-sent.js';
import { formatWebSocketChat, WEBSOCKET_CHAT_TITLE } from './websocket-chat.js';

/** The titles of the summary's sections, in the order they are printed. */
export const SUMMARY_SECTION_TITLES = [
  TRAFFIC_SENT_TITLE,
  SPANS_BY_NAME_TITLE,
  EXAMPLE_TRACE_TITLE,
  LOG_TRACE_TITLE,
  HTTP_ROUTES_TITLE,
  PRISMA_OPERATIONS_TITLE,
  WEBSOCKET_CHAT_TITLE,
  BUSINESS_METRICS_TITLE,
  HEALTH_CHECKS_TITLE,
  SDK_METRICS_TITLE,
  PROMETHEUS_EXCERPT_TITLE,
  EXPECTED_SIGNALS_TITLE,
] as const;

/** Formats every section of the summary, separated by blank lines. */
export function formatSummary(
  telemetry: DemoTelemetry,
  traffic: TrafficStats,
): string {
  return [
    formatTrafficSent(traffic),
    formatSpansByName(telemetry.spans),
    formatExampleTrace(telemetry.spans),
    formatLogTrace(telemetry),
    formatHttpRoutes(telemetry.metrics),
    formatPrismaOperations(telemetry.metrics),
    formatWebSocketChat(telemetry, traffic.chat),
    formatBusinessMetrics(telemetry),
    formatHealthChecks(telemetry.metrics),
    formatSdkMetrics(telemetry),
    formatPrometheusExcerpt(telemetry.scrape),
    formatExpectedSignals(telemetry),
  ].join('\n\n');
}
