export {
  collectorTestFiles,
  type GeneratedFile,
  PACKAGE_ROOT,
  prometheusRulePath,
  ruleArtifacts,
  ruleFilePath,
} from './generate/artifacts.js';
export { runGenerator } from './generate/run-generator.js';
export { collectorName } from './naming/collector-name.js';
export { javascriptExporterName } from './naming/javascript-name.js';
export {
  METRIC_CATALOG,
  type OtlpMetric,
  type OtlpMetricType,
} from './naming/metric-catalog.js';
export {
  prometheusName,
  seriesNames,
  VARIANTS,
  type Variant,
} from './naming/variants.js';
export { buildRuleGroups } from './rules/rule-groups.js';
export type { AlertingRule, RecordingRule, RuleGroup } from './rules/types.js';
export { renderRuleFile } from './render/rule-file.js';
export {
  DEFAULT_THRESHOLDS_FILE,
  loadThresholds,
  ThresholdsError,
  type ThresholdsOverride,
} from './thresholds/load.js';
export type { AlertName, Severity, Thresholds } from './thresholds/schema.js';
