import type { Variant } from '../naming/variants.js';
import type { RuleGroup } from '../rules/types.js';
import { renderYaml } from './yaml-text.js';

/** The purpose of each variant's files, for their headers. */
export const VARIANT_DESCRIPTIONS: Readonly<Record<Variant, string>> = {
  javascript:
    "For Prometheus scraping the SDK's own endpoint (OTEL_METRICS_EXPORTER=prometheus): names without unit suffixes.",
  collector:
    "For metrics sent over OTLP through an OpenTelemetry Collector or to Prometheus's OTLP receiver: names with unit suffixes.",
};

/** Returns the comment lines every generated file starts with. */
export function generatedHeader(variant: Variant): string[] {
  return [
    'Generated from rules/thresholds.yaml by',
    '`pnpm --filter @seda/alerting run generate`: change the thresholds, not this file.',
    VARIANT_DESCRIPTIONS[variant],
  ];
}

/** Renders a Prometheus rule file. */
export function renderRuleFile(groups: RuleGroup[], variant: Variant): string {
  return renderYaml({ groups }, generatedHeader(variant));
}
