import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { PACKAGE_ROOT, ruleArtifacts } from '../src/generate/artifacts.js';
import { loadThresholds } from '../src/thresholds/load.js';
import { describeRun, runTool } from './support/run-tool.js';
import { findTools, shouldRun, toolPath } from './support/tools.js';

const tools = findTools(['promtool']);

async function testFiles(variant: string): Promise<string[]> {
  const folder = join(PACKAGE_ROOT, 'rules/tests', variant);
  const names = (await readdir(folder)).filter((name) =>
    name.endsWith('.test.yml'),
  );
  return names.sort().map((name) => join(folder, name));
}

describe.runIf(shouldRun('promtool', tools))('rules with promtool', () => {
  let promtool: string;
  let scratch: string;

  beforeAll(async () => {
    promtool = toolPath(tools, 'promtool');
    scratch = await mkdtemp(join(tmpdir(), 'seda-promtool-'));
  });

  afterAll(async () => {
    if (scratch !== undefined)
      await rm(scratch, { recursive: true, force: true });
  });

  test.each(['javascript', 'collector'])(
    '%s rules pass check rules',
    async (variant) => {
      const run = await runTool(promtool, [
        'check',
        'rules',
        join(PACKAGE_ROOT, `rules/${variant}/seda-alerts.rules.yml`),
      ]);

      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout).toMatch(/SUCCESS: \d+ rules found/);
    },
  );

  test.each(['javascript', 'collector'])(
    '%s unit tests pass',
    async (variant) => {
      const files = await testFiles(variant);

      const run = await runTool(promtool, ['test', 'rules', ...files]);

      expect(files.length).toBeGreaterThanOrEqual(5);
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout.match(/SUCCESS/g)).toHaveLength(files.length);
    },
  );

  test.each([
    'seda-alerts.prometheusrule.yaml',
    'seda-alerts-collector.prometheusrule.yaml',
  ])('%s spec passes check rules', async (manifest) => {
    const resource = parse(
      readFileSync(join(PACKAGE_ROOT, 'operator', manifest), 'utf8'),
    );
    const file = join(scratch, `${manifest}.rules.yml`);
    await writeFile(file, stringify(resource.spec));

    const run = await runTool(promtool, ['check', 'rules', file]);

    expect(run.code, describeRun(run)).toBe(0);
  });

  test('unit tests fail against a tuned threshold', async () => {
    // The tests pin the shipped thresholds, so a 4% error threshold must
    // break the 4.9% case, and a 20% one the 10% case.
    const tuned = loadThresholds([
      { alerts: { SedaHighErrorRate: { maxErrorRatio: 0.2 } } },
    ]);
    const rules = ruleArtifacts(tuned).find(
      (file) => file.path === 'rules/javascript/seda-alerts.rules.yml',
    );
    await writeFile(join(scratch, 'tuned.rules.yml'), rules?.content ?? '');
    const source = parse(
      readFileSync(
        join(PACKAGE_ROOT, 'rules/tests/javascript/http.test.yml'),
        'utf8',
      ),
    );
    source.rule_files = ['tuned.rules.yml'];
    await writeFile(join(scratch, 'tuned.test.yml'), stringify(source));

    const run = await runTool(promtool, ['test', 'rules', 'tuned.test.yml'], {
      cwd: scratch,
    });

    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain(
      'error rate of 10% fires after 5m',
    );
  });
});
