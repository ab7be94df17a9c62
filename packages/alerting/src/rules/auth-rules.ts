import { alertingRule } from './alerting-rule.js';
import { addDurations, formatNumber, lines } from './promql-text.js';
import type { AlertingRule, RuleContext, RuleGroup } from './types.js';

/** Builds the `seda-auth` group. */
export function authRules(context: RuleContext): RuleGroup {
  return { name: 'seda-auth', rules: [authFailureSpike(context)] };
}

/**
 * Builds `SedaAuthFailureSpike`. The rate must pass the floor and be `spikeFactor` times the baseline. The
 * baseline ends `window` + `for` ago, so the spike cannot raise its own
 * baseline before the alert fires. `unless` rather than `and` keeps the
 * alert when there is no baseline, as for a counter that appeared with the
 * spike: the SDK exports a counter only after its first increment.
 */
function authFailureSpike(context: RuleContext): AlertingRule {
  const settings = context.thresholds.alerts.SedaAuthFailureSpike;
  const counter = context.names.authFailed;
  const current = `sum by (job) (rate(${counter}[${settings.window}]))`;
  const offset = addDurations(settings.window, settings.for);
  const baseline = `sum by (job) (rate(${counter}[${settings.baselineWindow}] offset ${offset}))`;

  return alertingRule(
    context,
    'SedaAuthFailureSpike',
    lines(
      `${current} > ${formatNumber(settings.minPerSecond)}`,
      'unless on (job)',
      `${current} <= ${formatNumber(settings.spikeFactor)} * ${baseline}`,
    ),
    {
      summary:
        '{{ $labels.job }}: {{ $value | humanize }} failed authentications per second',
      description: `{{ $labels.job }} rejected {{ $value | humanize }} authentication attempts per second over the last ${settings.window}, above ${formatNumber(settings.minPerSecond)} per second and more than ${formatNumber(settings.spikeFactor)} times the rate of the ${settings.baselineWindow} that ended ${offset} ago.`,
    },
  );
}
