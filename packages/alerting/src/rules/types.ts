import type { SeriesNames, Variant } from '../naming/variants.js';
import type { AlertName, Severity, Thresholds } from '../thresholds/schema.js';

/** A Prometheus alerting rule, in the key order of the rule file format. */
export interface AlertingRule {
  readonly alert: AlertName;
  readonly expr: string;
  readonly for: string;
  readonly labels: { readonly severity: Severity };
  readonly annotations: {
    readonly summary: string;
    readonly description: string;
    readonly runbook_url: string;
  };
}

export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export type Rule = AlertingRule | RecordingRule;

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly Rule[];
}

/** The input of a group builder: the names of one variant and the values. */
export interface RuleContext {
  readonly variant: Variant;
  readonly names: SeriesNames;
  readonly thresholds: Thresholds;
}
