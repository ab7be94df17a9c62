import { alertingRule } from './alerting-rule.js';
import { formatNumber, formatPercent, lines } from './promql-text.js';
import type { AlertingRule, RuleContext, RuleGroup } from './types.js';

/** Builds the `seda-websocket` group. */
export function websocketRules(context: RuleContext): RuleGroup {
  return { name: 'seda-websocket', rules: [connectionsDropped(context)] };
}

/**
 * Builds `SedaWebSocketConnectionsDropped`. A job whose connection series vanished (every process restarted and has
 * no connection yet) counts as 0 open connections when it had some
 * `comparedWith` earlier, through `or 0 * earlier`.
 */
function connectionsDropped(context: RuleContext): AlertingRule {
  const settings = context.thresholds.alerts.SedaWebSocketConnectionsDropped;
  const series = context.names.websocketActiveConnections;
  const earlier = `sum by (job) (${series} offset ${settings.comparedWith})`;
  const now = `(sum by (job) (${series}) or 0 * ${earlier})`;
  const keptShare = formatNumber(1 - settings.maxDropRatio);
  const drop = `${now} < ${keptShare} * ${earlier}`;
  // A floor of 0 can never be undercut, so it leaves only the drop test.
  const hasFloor = settings.minConnections > 0;
  const floor = formatNumber(settings.minConnections);

  return alertingRule(
    context,
    'SedaWebSocketConnectionsDropped',
    hasFloor ? lines(`${now} < ${floor}`, 'or', drop) : drop,
    {
      summary: '{{ $labels.job }}: {{ $value }} open WebSocket connections',
      description:
        `{{ $labels.job }} has had {{ $value }} open WebSocket connections for ${settings.for}: ` +
        (hasFloor ? `below the floor of ${floor}, or down` : 'down') +
        ` by more than ${formatPercent(settings.maxDropRatio)} against ${settings.comparedWith} earlier.`,
    },
  );
}
