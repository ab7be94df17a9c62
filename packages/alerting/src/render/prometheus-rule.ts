import type { Variant } from '../naming/variants.js';
import type { RuleGroup } from '../rules/types.js';
import type { OperatorSettings } from '../thresholds/schema.js';
import { generatedHeader } from './rule-file.js';
import { renderYaml } from './yaml-text.js';

/**
 * Renders a Prometheus Operator `PrometheusRule` whose `spec` is the rule
 * file of the variant. The Collector variant's name gets `-collector`, so
 * both can exist in one namespace, although a cluster needs only one.
 */
export function renderPrometheusRule(
  groups: RuleGroup[],
  variant: Variant,
  settings: OperatorSettings,
): string {
  const name =
    variant === 'javascript' ? settings.name : `${settings.name}-collector`;
  const resource = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name, labels: { ...settings.labels } },
    spec: { groups },
  };
  return renderYaml(resource, generatedHeader(variant));
}
