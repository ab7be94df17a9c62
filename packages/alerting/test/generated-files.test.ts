import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import {
  collectorTestFiles,
  PACKAGE_ROOT,
  ruleArtifacts,
} from '../src/generate/artifacts.js';
import { ALERT_SCHEMA } from '../src/thresholds/schema.js';
import { loadThresholds } from '../src/thresholds/load.js';

const ALERTING_DOC = join(PACKAGE_ROOT, '../../docs/alerting.md');
const JAVASCRIPT_TESTS = join(PACKAGE_ROOT, 'rules/tests/javascript');

const thresholds = loadThresholds();
const generated = [
  ...ruleArtifacts(thresholds),
  ...collectorTestFiles(thresholds),
];

function readPackageFile(path: string): string {
  return readFileSync(join(PACKAGE_ROOT, path), 'utf8');
}

describe('generated files', () => {
  test.each(generated.map((file) => [file.path, file]))(
    '%s matches the thresholds',
    (path, file) => {
      // On a difference, run `pnpm --filter @seda/alerting run generate`.
      expect(readPackageFile(path)).toBe(file.content);
    },
  );

  test('PrometheusRule spec is the rule file', () => {
    for (const [rules, manifest] of [
      [
        'rules/javascript/seda-alerts.rules.yml',
        'operator/seda-alerts.prometheusrule.yaml',
      ],
      [
        'rules/collector/seda-alerts.rules.yml',
        'operator/seda-alerts-collector.prometheusrule.yaml',
      ],
    ] as const) {
      const resource = parse(readPackageFile(manifest));

      expect(resource.apiVersion).toBe('monitoring.coreos.com/v1');
      expect(resource.kind).toBe('PrometheusRule');
      expect(resource.spec).toEqual(parse(readPackageFile(rules)));
    }
  });
});

describe('alert coverage', () => {
  const alertNames = Object.keys(ALERT_SCHEMA);
  const testText = readdirSync(JAVASCRIPT_TESTS)
    .map((name) => readFileSync(join(JAVASCRIPT_TESTS, name), 'utf8'))
    .join('\n');
  const doc = readFileSync(ALERTING_DOC, 'utf8');

  test.each(alertNames)('%s has promtool tests', (alert) => {
    expect(testText).toContain(`alertname: ${alert}\n        exp_alerts: []`);
    expect(testText).toMatch(
      new RegExp(
        `alertname: ${alert}\\n        exp_alerts:\\n          - exp_labels:`,
      ),
    );
  });

  test.each(alertNames)('%s has a runbook section', (alert) => {
    expect(doc).toMatch(new RegExp(`^### ${alert}$`, 'm'));
  });
});
