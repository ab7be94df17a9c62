import { seriesNames, type Variant } from '../naming/variants.js';
import type { Thresholds } from '../thresholds/schema.js';
import { authRules } from './auth-rules.js';
import { healthRules } from './health-rules.js';
import { httpRules } from './http-rules.js';
import { telemetryRules } from './telemetry-rules.js';
import type { RuleGroup } from './types.js';
import { websocketRules } from './websocket-rules.js';

/** Builds every rule group of one variant from the thresholds. */
export function buildRuleGroups(
  thresholds: Thresholds,
  variant: Variant,
): RuleGroup[] {
  const context = { variant, names: seriesNames(variant), thresholds };
  return [
    httpRules(context),
    healthRules(context),
    websocketRules(context),
    authRules(context),
    telemetryRules(context),
  ];
}
