import type { CatalogKey } from '../naming/metric-catalog.js';
import { alertingRule } from './alerting-rule.js';
import { formatNumber, formatPercent, lines } from './promql-text.js';
import type {
  AlertingRule,
  RecordingRule,
  Rule,
  RuleContext,
  RuleGroup,
} from './types.js';

/** The SDK's exporter counters, by the signal label their ratio gets. */
const EXPORTED: readonly [string, CatalogKey][] = [
  ['traces', 'spansExported'],
  ['logs', 'logsExported'],
  ['metrics', 'metricPointsExported'],
];

/** The batch processors' counters; metric points have no processor. */
const PROCESSED: readonly [string, CatalogKey][] = [
  ['traces', 'spansProcessed'],
  ['logs', 'logsProcessed'],
];

/**
 * Builds the `seda-telemetry` group: the SDK's export failures and queue drops as
 * ratios per instance and signal, and targets that stopped reporting.
 * `SedaTargetDown` is in the JavaScript variant only, because behind a
 * Collector the `up` series describe the Collector, not the services.
 */
export function telemetryRules(context: RuleContext): RuleGroup {
  const rules: Rule[] = [
    ...exportFailureRatios(context),
    ...dropRatios(context),
    exportFailing(context),
    dropped(context),
  ];
  if (context.variant === 'javascript') rules.push(targetDown(context));
  rules.push(serviceNotReporting(context));
  return { name: 'seda-telemetry', rules };
}

function exportFailureRatios(context: RuleContext): RecordingRule[] {
  const { window } = context.thresholds.alerts.SedaTelemetryExportFailing;
  return EXPORTED.map(([signal, key]) => {
    const counter = context.names[key];
    return {
      record: exportFailureName(window),
      expr: lines(
        `sum by (job, instance) (rate(${counter}{error_type!=""}[${window}]))`,
        '/',
        `sum by (job, instance) (rate(${counter}[${window}]))`,
      ),
      labels: { signal },
    };
  });
}

function dropRatios(context: RuleContext): RecordingRule[] {
  const { window } = context.thresholds.alerts.SedaTelemetryDropped;
  return PROCESSED.map(([signal, key]) => {
    const counter = context.names[key];
    return {
      record: dropName(window),
      expr: lines(
        `sum by (job, instance) (rate(${counter}{error_type="queue_full"}[${window}]))`,
        '/',
        `sum by (job, instance) (rate(${counter}[${window}]))`,
      ),
      labels: { signal },
    };
  });
}

function exportFailing(context: RuleContext): AlertingRule {
  const { window, maxFailureRatio } =
    context.thresholds.alerts.SedaTelemetryExportFailing;

  return alertingRule(
    context,
    'SedaTelemetryExportFailing',
    `${exportFailureName(window)} > ${formatNumber(maxFailureRatio)}`,
    {
      summary:
        '{{ $labels.job }}: {{ $value | humanizePercentage }} of {{ $labels.signal }} exports fail on {{ $labels.instance }}',
      description: `{{ $value | humanizePercentage }} of the {{ $labels.signal }} that {{ $labels.job }} on {{ $labels.instance }} exported over the last ${window} failed, above ${formatPercent(maxFailureRatio)}; that telemetry is lost.`,
    },
  );
}

function dropped(context: RuleContext): AlertingRule {
  const { window, maxDropRatio } =
    context.thresholds.alerts.SedaTelemetryDropped;

  return alertingRule(
    context,
    'SedaTelemetryDropped',
    `${dropName(window)} > ${formatNumber(maxDropRatio)}`,
    {
      summary:
        '{{ $labels.job }}: {{ $value | humanizePercentage }} of {{ $labels.signal }} dropped on {{ $labels.instance }}',
      description: `{{ $labels.job }} on {{ $labels.instance }} dropped {{ $value | humanizePercentage }} of its {{ $labels.signal }} over the last ${window} because the export queue was full, above ${formatPercent(maxDropRatio)}.`,
    },
  );
}

function targetDown(context: RuleContext): AlertingRule {
  const { lookback, for: duration } = context.thresholds.alerts.SedaTargetDown;

  return alertingRule(
    context,
    'SedaTargetDown',
    lines(
      'up == 0',
      `and on (job) count by (job) (max_over_time(target_info[${lookback}]))`,
    ),
    {
      summary:
        '{{ $labels.job }}: Prometheus cannot scrape {{ $labels.instance }}',
      description: `Every scrape of {{ $labels.instance }} ({{ $labels.job }}) has failed for ${duration}: the process is down, or its Prometheus endpoint is unreachable.`,
    },
  );
}

function serviceNotReporting(context: RuleContext): AlertingRule {
  const { lookback, for: duration } =
    context.thresholds.alerts.SedaServiceNotReporting;

  return alertingRule(
    context,
    'SedaServiceNotReporting',
    lines(
      `count by (job) (max_over_time(target_info[${lookback}]))`,
      'unless on (job) count by (job) (target_info)',
    ),
    {
      summary: '{{ $labels.job }}: no instance reports metrics',
      description: `No instance of {{ $labels.job }} has reported metrics for ${duration}, while {{ $value }} did within the last ${lookback}.`,
    },
  );
}

function exportFailureName(window: string): string {
  return `instance:otel_sdk_exporter_failures:ratio_rate${window}`;
}

function dropName(window: string): string {
  return `instance:otel_sdk_processor_drops:ratio_rate${window}`;
}
