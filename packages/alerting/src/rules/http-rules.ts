import { alertingRule } from './alerting-rule.js';
import { formatNumber, formatPercent, lines } from './promql-text.js';
import type { RecordingRule, RuleContext, RuleGroup } from './types.js';

/**
 * Builds the `seda-http` group: request and 5xx rates and the latency quantile per
 * job as recording rules, which read the same in both variants, and the
 * error-rate and latency alerts built on them.
 */
export function httpRules(context: RuleContext): RuleGroup {
  const errors = context.thresholds.alerts.SedaHighErrorRate;
  const latency = context.thresholds.alerts.SedaSlowResponses;
  const recordings = uniqueRecordings([
    requestRate(context, errors.window),
    errorRate(context, errors.window),
    requestRate(context, latency.window),
    latencyQuantile(context, latency.quantile, latency.window),
  ]);

  return {
    name: 'seda-http',
    rules: [...recordings, highErrorRate(context), slowResponses(context)],
  };
}

function highErrorRate(context: RuleContext) {
  const { window, maxErrorRatio, minRequestsPerSecond } =
    context.thresholds.alerts.SedaHighErrorRate;
  const requests = requestRateName(window);

  return alertingRule(
    context,
    'SedaHighErrorRate',
    lines(
      `${errorRateName(window)} / ${requests} > ${formatNumber(maxErrorRatio)}`,
      `and on (job) ${requests} >= ${formatNumber(minRequestsPerSecond)}`,
    ),
    {
      summary:
        '{{ $labels.job }}: {{ $value | humanizePercentage }} of HTTP requests answered 5xx',
      description: `{{ $value | humanizePercentage }} of the HTTP server requests of {{ $labels.job }} were answered with a 5xx status over the last ${window}, above the threshold of ${formatPercent(maxErrorRatio)}.`,
    },
  );
}

function slowResponses(context: RuleContext) {
  const { window, quantile, maxSeconds, minRequestsPerSecond } =
    context.thresholds.alerts.SedaSlowResponses;
  const label = quantileLabel(quantile);

  return alertingRule(
    context,
    'SedaSlowResponses',
    lines(
      `${latencyQuantileName(quantile, window)} > ${formatNumber(maxSeconds)}`,
      `and on (job) ${requestRateName(window)} >= ${formatNumber(minRequestsPerSecond)}`,
    ),
    {
      summary: `{{ $labels.job }}: ${label} HTTP latency is {{ $value | humanizeDuration }}`,
      description: `The ${label} latency of the HTTP server requests of {{ $labels.job }} was {{ $value | humanizeDuration }} over the last ${window}, above the threshold of ${formatNumber(maxSeconds)}s.`,
    },
  );
}

function requestRate(context: RuleContext, window: string): RecordingRule {
  const count = `${context.names.httpServerDuration}_count`;
  return {
    record: requestRateName(window),
    expr: `sum by (job) (rate(${count}[${window}]))`,
  };
}

function errorRate(context: RuleContext, window: string): RecordingRule {
  const count = `${context.names.httpServerDuration}_count`;
  return {
    record: errorRateName(window),
    expr: `sum by (job) (rate(${count}{http_response_status_code=~"5.."}[${window}]))`,
  };
}

function latencyQuantile(
  context: RuleContext,
  quantile: number,
  window: string,
): RecordingRule {
  const buckets = `${context.names.httpServerDuration}_bucket`;
  return {
    record: latencyQuantileName(quantile, window),
    expr: `histogram_quantile(${formatNumber(quantile)}, sum by (job, le) (rate(${buckets}[${window}])))`,
  };
}

function requestRateName(window: string): string {
  return `job:http_server_requests:rate${window}`;
}

function errorRateName(window: string): string {
  return `job:http_server_errors:rate${window}`;
}

function latencyQuantileName(quantile: number, window: string): string {
  const label = quantileLabel(quantile).replace('.', '_');
  return `job:http_server_request_duration_seconds:${label}_${window}`;
}

/** Returns `p95` for 0.95 and `p99.9` for 0.999. */
function quantileLabel(quantile: number): string {
  return `p${formatNumber(quantile * 100)}`;
}

function uniqueRecordings(rules: RecordingRule[]): RecordingRule[] {
  const seen = new Set<string>();
  return rules.filter((rule) => {
    if (seen.has(rule.record)) return false;
    seen.add(rule.record);
    return true;
  });
}
