import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { selectedMetricNames } from './promql-names.js';

interface RuleFile {
  groups: { rules: { record?: string; expr: string }[] }[];
}

/**
 * Returns the series names the rules of a file select, leaving out the
 * recording rules the same file defines (names with `:`), which are
 * checked through their own expressions.
 */
export function referencedSeries(ruleFile: string): string[] {
  const file = parse(readFileSync(ruleFile, 'utf8')) as RuleFile;
  const rules = file.groups.flatMap((group) => group.rules);
  const recorded = new Set(rules.flatMap((rule) => rule.record ?? []));
  const names = new Set<string>();
  for (const rule of rules) {
    for (const name of selectedMetricNames(rule.expr)) {
      if (!recorded.has(name)) names.add(name);
    }
  }
  return [...names].sort();
}
