import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VARIANTS, type Variant } from '../naming/variants.js';
import { translateTestFile } from '../render/collector-tests.js';
import { renderPrometheusRule } from '../render/prometheus-rule.js';
import { renderRuleFile } from '../render/rule-file.js';
import { buildRuleGroups } from '../rules/rule-groups.js';
import type { AlertingRule } from '../rules/types.js';
import type { AlertName, Thresholds } from '../thresholds/schema.js';

/** The package folder, which contains `rules/` and `operator/`. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A file to write, by its path relative to the output folder. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** Returns the rule file path of a variant, relative to the output folder. */
export function ruleFilePath(variant: Variant): string {
  return `rules/${variant}/seda-alerts.rules.yml`;
}

/** Returns the PrometheusRule path of a variant. */
export function prometheusRulePath(variant: Variant): string {
  const suffix = variant === 'javascript' ? '' : '-collector';
  return `operator/seda-alerts${suffix}.prometheusrule.yaml`;
}

/** Builds both variants' rule files and PrometheusRule manifests. */
export function ruleArtifacts(thresholds: Thresholds): GeneratedFile[] {
  return VARIANTS.flatMap((variant) => {
    const groups = buildRuleGroups(thresholds, variant);
    return [
      { path: ruleFilePath(variant), content: renderRuleFile(groups, variant) },
      {
        path: prometheusRulePath(variant),
        content: renderPrometheusRule(groups, variant, thresholds.operator),
      },
    ];
  });
}

/**
 * Translates the promtool tests of `rules/tests/javascript/` into
 * `rules/tests/collector/`. The tests pin the shipped thresholds, so they
 * are generated only with those.
 */
export function collectorTestFiles(thresholds: Thresholds): GeneratedFile[] {
  const sourceFolder = join(PACKAGE_ROOT, 'rules/tests/javascript');
  const alerts = collectorAlertNames(thresholds);
  const names = readdirSync(sourceFolder)
    .filter((name) => name.endsWith('.test.yml'))
    .sort();

  return names.flatMap((name) => {
    const text = readFileSync(join(sourceFolder, name), 'utf8');
    const content = translateTestFile(
      { name, text },
      `../../${ruleFilePath('collector').slice('rules/'.length)}`,
      alerts,
    );
    return content === undefined
      ? []
      : [{ path: `rules/tests/collector/${name}`, content }];
  });
}

function collectorAlertNames(thresholds: Thresholds): Set<AlertName> {
  const rules = buildRuleGroups(thresholds, 'collector').flatMap(
    (group) => group.rules,
  );
  return new Set(
    rules
      .filter((rule): rule is AlertingRule => 'alert' in rule)
      .map((rule) => rule.alert),
  );
}
