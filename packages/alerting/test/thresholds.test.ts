import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runGenerator } from '../src/generate/run-generator.js';
import { loadThresholds, ThresholdsError } from '../src/thresholds/load.js';
import { thresholdProblems } from '../src/thresholds/validate.js';

const folders: string[] = [];

afterEach(async () => {
  for (const folder of folders.splice(0)) {
    await rm(folder, { recursive: true, force: true });
  }
});

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'seda-alerting-'));
  folders.push(folder);
  return folder;
}

function capture() {
  const lines = { log: [] as string[], error: [] as string[] };
  return {
    lines,
    output: {
      log: (message: string) => lines.log.push(message),
      error: (message: string) => lines.error.push(message),
    },
  };
}

describe('loadThresholds', () => {
  test('reads the shipped file', () => {
    const thresholds = loadThresholds();

    expect(thresholds.alerts.SedaHighErrorRate).toEqual({
      severity: 'high',
      for: '5m',
      window: '5m',
      maxErrorRatio: 0.05,
      minRequestsPerSecond: 0.1,
    });
    expect(thresholds.alerts.SedaSlowResponses.maxSeconds).toBe(2);
    expect(thresholds.alerts.SedaDatabaseDown.for).toBe('1m');
    expect(thresholds.alerts.SedaHighMemory.maxRatio).toBe(0.85);
    expect(thresholds.alerts.SedaWebSocketConnectionsDropped.for).toBe('3m');
  });

  test('applies overrides in order, field by field', async () => {
    const file = join(await tempFolder(), 'team.yaml');
    await writeFile(
      file,
      'alerts:\n  SedaHighErrorRate:\n    maxErrorRatio: 0.02\n    for: 10m\n',
    );

    const thresholds = loadThresholds([
      file,
      { alerts: { SedaHighErrorRate: { for: '15m' } } },
    ]);

    expect(thresholds.alerts.SedaHighErrorRate.maxErrorRatio).toBe(0.02);
    expect(thresholds.alerts.SedaHighErrorRate.for).toBe('15m');
    expect(thresholds.alerts.SedaHighErrorRate.window).toBe('5m');
    expect(thresholds.alerts.SedaSlowResponses.for).toBe('5m');
  });

  test('replaces the operator labels whole', () => {
    const thresholds = loadThresholds([
      { operator: { labels: { release: 'monitoring' } } },
    ]);

    expect(thresholds.operator.labels).toEqual({ release: 'monitoring' });
    expect(thresholds.operator.name).toBe('seda-alerts');
  });

  test('lists every problem of an override', () => {
    const override = {
      alerts: {
        SedaHighErrorRate: { maxErrorRatio: 5, for: 'five minutes' },
        SedaSlowResponse: { maxSeconds: 1 },
      },
    };

    const error = (() => {
      try {
        loadThresholds([override as never]);
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(ThresholdsError);
    expect((error as ThresholdsError).problems).toEqual([
      expect.stringMatching(
        /^alerts\.SedaSlowResponse: unknown key; known keys: SedaHighErrorRate, /,
      ),
      'alerts.SedaHighErrorRate.for: invalid value "five minutes": use a Prometheus duration such as 0s, 90s, 5m or 1h',
      'alerts.SedaHighErrorRate.maxErrorRatio: invalid value 5: use a number from 0 to 1, such as 0.05 for 5%',
    ]);
  });
});

describe('thresholdProblems', () => {
  test('reports missing keys of a full file', () => {
    expect(thresholdProblems({ runbookUrl: 'x', alerts: {} }, false)).toEqual(
      expect.arrayContaining([
        'operator: missing',
        'alerts.SedaHighErrorRate: missing',
        'alerts.SedaServiceNotReporting: missing',
      ]),
    );
  });

  test.each([
    ['severity', 'urgent', 'one of critical, high, medium, low'],
    ['window', '0s', 'a Prometheus duration above zero such as 30s, 5m or 1h'],
    ['quantile', 1, 'a number above 0 and below 1, such as 0.95'],
    ['maxSeconds', 0, 'a number above 0'],
    ['minRequestsPerSecond', -1, 'a number of 0 or more'],
  ])('rejects %s %o', (field, value, expected) => {
    const override = { alerts: { SedaSlowResponses: { [field]: value } } };

    expect(thresholdProblems(override, true)).toEqual([
      `alerts.SedaSlowResponses.${field}: invalid value ${JSON.stringify(value)}: use ${expected}`,
    ]);
  });

  test('rejects check kinds outside the health registry characters', () => {
    const override = { alerts: { SedaDatabaseDown: { checkKinds: ['a b'] } } };

    expect(thresholdProblems(override, true)).toHaveLength(1);
  });

  test('rejects invalid operator names and labels', () => {
    const override = {
      operator: {
        name: 'Seda_Alerts',
        labels: { 'bad key!': 'x', ok: 'not ok' },
      },
    };

    expect(thresholdProblems(override, true)).toEqual([
      'operator.name: invalid value "Seda_Alerts": use a Kubernetes object name (lower-case letters, digits, - and .)',
      'operator.labels: invalid label name "bad key!"',
      'operator.labels.ok: invalid value "not ok": use up to 63 letters, digits, -, _ or .',
    ]);
  });
});

describe('runGenerator', () => {
  test('finds the checked-in files up to date', () => {
    const { lines, output } = capture();

    expect(runGenerator(['--check'], output)).toBe(0);
    expect(lines.error).toEqual([]);
  });

  test('writes tuned rules to another folder', async () => {
    const folder = await tempFolder();
    const file = join(folder, 'team.yaml');
    await writeFile(file, 'alerts:\n  SedaHighMemory:\n    maxRatio: 0.9\n');
    const { output } = capture();

    const code = runGenerator(['--thresholds', file, '--out', folder], output);
    const rules = await readFile(
      join(folder, 'rules/javascript/seda-alerts.rules.yml'),
      'utf8',
    );

    expect(code).toBe(0);
    expect(rules).toContain(') > 0.9\n');
    expect(rules).not.toContain(') > 0.85\n');
  });

  test('leaves out a WebSocket floor of 0', async () => {
    const folder = await tempFolder();
    const file = join(folder, 'team.yaml');
    await writeFile(
      file,
      'alerts:\n  SedaWebSocketConnectionsDropped:\n    minConnections: 0\n',
    );
    const { output } = capture();

    const code = runGenerator(['--thresholds', file, '--out', folder], output);
    const rules = await readFile(
      join(folder, 'rules/javascript/seda-alerts.rules.yml'),
      'utf8',
    );

    expect(code).toBe(0);
    expect(rules).not.toContain('floor');
    expect(rules).not.toMatch(/\) < 0\n/);
    expect(rules).toContain('open WebSocket connections for 3m: down by more than 50%');
  });

  test('reports stale files under --check', async () => {
    const folder = await tempFolder();
    const { lines, output } = capture();

    const code = runGenerator(['--out', folder, '--check'], output);

    expect(code).toBe(1);
    expect(lines.error[0]).toContain('rules/javascript/seda-alerts.rules.yml');
  });

  test('rejects an invalid thresholds file with exit code 2', async () => {
    const file = join(await tempFolder(), 'bad.yaml');
    await writeFile(file, 'alerts:\n  SedaHighMemory:\n    maxRatio: high\n');
    const { lines, output } = capture();

    expect(runGenerator(['--thresholds', file, '--check'], output)).toBe(2);
    expect(lines.error[0]).toContain(
      'alerts.SedaHighMemory.maxRatio: invalid value "high"',
    );
  });

  test('rejects an unknown option with the usage', () => {
    const { lines, output } = capture();

    expect(runGenerator(['--threshold', 'x'], output)).toBe(2);
    expect(lines.error[0]).toContain('Usage: seda-alert-rules');
  });
});
