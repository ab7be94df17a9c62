import { alertingRule } from './alerting-rule.js';
import {
  exactAlternatives,
  formatPercent,
  formatNumber,
  lines,
} from './promql-text.js';
import type { AlertingRule, RuleContext, RuleGroup } from './types.js';

/** Builds the `seda-health` group: database and health status, and memory. */
export function healthRules(context: RuleContext): RuleGroup {
  return {
    name: 'seda-health',
    rules: [
      databaseDown(context),
      criticalHealthCheckDown(context),
      highMemory(context),
    ],
  };
}

function databaseDown(context: RuleContext): AlertingRule {
  const settings = context.thresholds.alerts.SedaDatabaseDown;
  const kinds = exactAlternatives(settings.checkKinds);

  return alertingRule(
    context,
    'SedaDatabaseDown',
    lines(
      'min by (job, instance, health_check_name, health_check_kind) (',
      `  ${context.names.healthCheckStatus}{health_check_kind=~"${kinds}"}`,
      ') == 0',
    ),
    {
      summary:
        '{{ $labels.job }}: database check {{ $labels.health_check_name }} is down on {{ $labels.instance }}',
      description: `The {{ $labels.health_check_kind }} health check {{ $labels.health_check_name }} of {{ $labels.job }} on {{ $labels.instance }} has reported status {{ $value }} (0 is down) for at least ${settings.for}.`,
    },
  );
}

/**
 * Builds `SedaCriticalHealthCheckDown`. `health.status` is 0 exactly when a critical check outside `/health/deep`
 * is down, because the metrics carry no `critical` attribute per check.
 */
function criticalHealthCheckDown(context: RuleContext): AlertingRule {
  const settings = context.thresholds.alerts.SedaCriticalHealthCheckDown;

  return alertingRule(
    context,
    'SedaCriticalHealthCheckDown',
    `min by (job, instance) (${context.names.healthStatus}) == 0`,
    {
      summary:
        '{{ $labels.job }}: a critical health check is down on {{ $labels.instance }}',
      description: `The health status of {{ $labels.job }} on {{ $labels.instance }} has been {{ $value }} (0 is unhealthy) for at least ${settings.for}: a critical health check is down and /health/ready answers 503.`,
    },
  );
}

function highMemory(context: RuleContext): AlertingRule {
  const { maxRatio, for: duration } = context.thresholds.alerts.SedaHighMemory;
  const { processMemoryUsage, healthMemoryLimit } = context.names;

  return alertingRule(
    context,
    'SedaHighMemory',
    lines(
      'max by (job, instance) (',
      `  ${processMemoryUsage} / ${healthMemoryLimit}`,
      `) > ${formatNumber(maxRatio)}`,
    ),
    {
      summary:
        '{{ $labels.job }}: {{ $labels.instance }} uses {{ $value | humanizePercentage }} of its memory limit',
      description: `The resident memory of {{ $labels.job }} on {{ $labels.instance }} has been above ${formatPercent(maxRatio)} of its container's memory limit for ${duration}, now {{ $value | humanizePercentage }}.`,
    },
  );
}
