import type { AlertName } from '../thresholds/schema.js';
import type { AlertingRule, RuleContext } from './types.js';

/** The text of an alert, with Go template references to its value. */
export interface AlertText {
  readonly summary: string;
  readonly description: string;
}

/**
 * Builds an alerting rule whose severity, `for` duration and runbook come
 * from the thresholds of that alert.
 */
export function alertingRule(
  context: RuleContext,
  alert: AlertName,
  expr: string,
  text: AlertText,
): AlertingRule {
  const settings = context.thresholds.alerts[alert];
  return {
    alert,
    expr,
    for: settings.for,
    labels: { severity: settings.severity },
    annotations: {
      summary: text.summary,
      description: text.description,
      runbook_url: `${context.thresholds.runbookUrl}#${alert.toLowerCase()}`,
    },
  };
}
