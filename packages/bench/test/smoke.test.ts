import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../src/report/bench-report.js';
import { computeFigures } from '../src/report/figures.js';
import { checkTargets } from '../src/report/targets.js';
import { SMOKE_SETTINGS } from '../src/settings.js';

/**
 * The compared variants and two that explain a cost, in run order. The floor
 * has a preload of its own, and `seda-no-spans` checks that a variant's
 * variables reach its children.
 */
const VARIANT_IDS = [...SMOKE_SETTINGS.variants, 'otel-http-floor', 'seda-no-spans'];

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const run = promisify(execFile);

let dir: string;
let report: BenchReport;
let markdown: string;

// One smoke run of the built harness, shared by every check below: it
// starts each variant as a child process, so it takes about five minutes.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seda-bench-smoke-'));
  const out = join(dir, 'report');
  const variants = ['--variants', VARIANT_IDS.join(',')];
  await run(process.execPath, [MAIN, '--smoke', ...variants, '--out', out], {
    timeout: 620_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  report = JSON.parse(await readFile(`${out}.json`, 'utf8')) as BenchReport;
  markdown = await readFile(`${out}.md`, 'utf8');
}, 630_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const finite = (value: number | undefined) => Number.isFinite(value);

describe('smoke run', () => {
  it('measures every variant in every round', () => {
    expect(report.load.map((m) => m.variant)).toEqual(VARIANT_IDS);
    expect(report.cjsStarts.map((m) => m.variant)).toEqual(VARIANT_IDS);
  });

  it('serves every HTTP request without errors', () => {
    for (const measurement of report.load) {
      expect(measurement.http.requests, measurement.variant).toBeGreaterThan(0);
      expect(measurement.http.errors, measurement.variant).toBe(0);
      expect(measurement.http.non2xx, measurement.variant).toBe(0);
    }
  });

  it('answers every socket.io round trip', () => {
    for (const measurement of report.load) {
      expect(measurement.ws.messages, measurement.variant).toBeGreaterThan(0);
      expect(measurement.ws.errors, measurement.variant).toBe(0);
    }
  });

  it('splits CPU time by thread', () => {
    for (const measurement of report.load) {
      const main = measurement.mainThreadCpuMicrosPerRequest;

      expect(main, measurement.variant).toBeGreaterThan(0);
      // The two figures come from different kernel counters, so the main
      // thread may exceed the total by a rounding error.
      expect(main, measurement.variant).toBeLessThanOrEqual(
        measurement.cpuMicrosPerRequest * 1.02,
      );
    }
  });

  it('computes every figure of every variant', () => {
    for (const figures of computeFigures(report)) {
      for (const [name, summary] of Object.entries(figures)) {
        if (name === 'variant') continue;
        expect(finite(summary?.median), `${figures.variant} ${name}`).toBe(
          true,
        );
      }
    }
  });

  it('counts modules for both module systems', () => {
    for (const census of report.census) {
      const label = `${census.variant} ${census.system}`;
      expect(census.modules.files, label).toBeGreaterThan(100);
      expect(census.modules.resolveCalls, label).toBeGreaterThan(100);
      expect(census.modules.builtins, label).toBeGreaterThan(0);
    }
    expect(report.census).toHaveLength(VARIANT_IDS.length * 2);
  });

  it('receives spans and metrics from every instrumented variant', () => {
    const esm = report.census.filter((c) => c.system === 'esm');
    for (const census of esm) {
      if (census.variant === 'none') {
        expect(census.spansPerRequest, 'none').toBe(0);
        expect(census.metricPoints, 'none').toBe(0);
        continue;
      }
      if (census.variant === 'seda-no-spans') {
        // OTEL_TRACES_SAMPLER=always_off, from the variant's own variables.
        expect(census.spansPerRequest, census.variant).toBe(0);
        expect(census.metricPoints, census.variant).toBeGreaterThan(0);
        continue;
      }
      expect(census.spansPerRequest, census.variant).toBeGreaterThanOrEqual(1);
      expect(census.metricPoints, census.variant).toBeGreaterThan(0);
    }
  });

  it('exports every span of the loaded route', () => {
    for (const measurement of report.load) {
      const census = report.census.find(
        (c) => c.system === 'esm' && c.variant === measurement.variant,
      );
      expect(
        measurement.exportedSpansPerRequest,
        measurement.variant,
      ).toBeCloseTo(census?.spansPerRequest ?? Number.NaN, 1);
    }
  });

  it('adds the Prisma spans to the bundle in its Prisma set-up', () => {
    const perRequest = (variant: string) =>
      report.census.find((c) => c.system === 'esm' && c.variant === variant)
        ?.spansPerRequest ?? 0;

    expect(perRequest('otel-auto-prisma')).toBeGreaterThan(
      perRequest('otel-auto'),
    );
  });

  it('sends every span through the first throughput step', () => {
    const [first] = report.spanThroughput;

    expect(first?.created).toBeGreaterThan(0);
    expect(first?.received).toBe(first?.created);
  });

  it('soaks with each collector mode', () => {
    const modes = report.soaks.map((soak) => soak.mode);

    expect(modes).toEqual([
      'control',
      'accept',
      'unreachable',
      'refuse',
      'hang',
    ]);
    for (const soak of report.soaks) {
      expect(soak.http.requests, soak.mode).toBeGreaterThan(0);
      expect(finite(soak.rssGrowth), soak.mode).toBe(true);
      // One measurement after a full collection at each quarter and the end.
      expect(soak.retainedBytes, soak.mode).toHaveLength(4);
      expect(Math.min(...soak.retainedBytes), soak.mode).toBeGreaterThan(0);
      expect(soak.counters === undefined, soak.mode).toBe(
        soak.mode === 'control',
      );
    }
  });

  it('checks every target', () => {
    const checks = checkTargets(report, computeFigures(report));

    expect(checks).toHaveLength(10);
    for (const check of checks) {
      expect(finite(check.measured), check.target).toBe(true);
    }
  });

  it('reports the floor per target', () => {
    const checks = checkTargets(report, computeFigures(report));

    // The export path and the soak run only `@seda/telemetry`, so they have no floor.
    const withFloor = checks.filter((check) => check.floor !== undefined);
    expect(withFloor).toHaveLength(8);
    for (const check of withFloor) {
      expect(finite(check.floor), check.target).toBe(true);
    }
    expect(markdown).toContain('| result | standard packages, HTTP only |');
  });

  it('renders a table for every figure', () => {
    for (const heading of [
      '## Targets',
      '## HTTP',
      '## Start-up',
      '## Memory',
      '## Modules loaded at start',
      '## WebSocket',
      '## Export path: spans per second',
      '## Export path: soak',
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).not.toContain('n/a');
  });
});
