import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthRegistry } from '../../src/health/registry.js';
import type { CheckOutcome, HealthCheck } from '../../src/health/types.js';
import {
  startTestTelemetry,
  type TestTelemetry,
} from '../../src/testing/test-telemetry.js';
import type { MetricPoint } from '../../src/testing/metric-points.js';
import { OnDemandReader } from '../support/on-demand-reader.js';
import { testRegistry } from './support/registry.js';

const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function telemetry(): TestTelemetry {
  const started = startTestTelemetry({ instrumentations: { http: false } });
  cleanups.push(() => started.shutdown());
  return started;
}

function registry(
  options: Parameters<typeof testRegistry>[0] = {},
): HealthRegistry {
  const created = testRegistry(options);
  cleanups.push(() => created.stop());
  return created;
}

/** A check that counts its runs and returns the outcome it is given. */
function countingCheck(
  name: string,
  outcome: CheckOutcome,
  settings: Partial<HealthCheck> = {},
) {
  const counter = { runs: 0 };
  const check: HealthCheck = {
    name,
    kind: 'custom',
    run: async () => {
      counter.runs += 1;
      return outcome;
    },
    ...settings,
  };
  return { check, counter };
}

const pointsOf = (points: MetricPoint[], name: string) =>
  points.filter((point) => point.name === name);

const valueFor = (points: MetricPoint[], name: string, check: string) =>
  pointsOf(points, name).find(
    (point) => point.attributes['health.check.name'] === check,
  );

const waitUntil = async (condition: () => boolean, timeoutMillis = 5_000) => {
  const deadline = Date.now() + timeoutMillis;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('health instruments with the SDK', () => {
  it('export the status, duration, last success and overall status', async () => {
    const sdk = telemetry();
    const health = registry({ cacheMillis: 0 });
    health
      .register(countingCheck('db', {}, { critical: true }).check)
      .register(
        countingCheck('cache', { status: 'degraded', message: 'slow' }).check,
      )
      .register(
        countingCheck('auth', { status: 'down', message: 'refused' }).check,
      );
    const before = Date.now() / 1000;

    await health.report('standard');
    await health.report('standard');
    const points = await sdk.collectMetrics();

    expect(valueFor(points, 'health.check.status', 'db')?.value).toBe(1);
    expect(valueFor(points, 'health.check.status', 'cache')?.value).toBe(0.5);
    expect(valueFor(points, 'health.check.status', 'auth')?.value).toBe(0);
    expect(pointsOf(points, 'health.status')).toHaveLength(1);
    expect(pointsOf(points, 'health.status')[0]?.value).toBe(0.5);
    expect(pointsOf(points, 'health.status')[0]?.attributes).toEqual({});

    const duration = valueFor(points, 'health.check.duration', 'db');
    expect(duration?.type).toBe('histogram');
    expect(duration?.unit).toBe('s');
    expect(duration?.count).toBe(2);
    expect(duration?.explicitBounds).toEqual([
      0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]);
    expect(valueFor(points, 'health.check.duration', 'auth')?.count).toBe(2);

    const dbSuccess =
      valueFor(points, 'health.check.last_success', 'db')?.value ?? 0;
    expect(dbSuccess).toBeGreaterThanOrEqual(Math.floor(before));
    expect(dbSuccess).toBeLessThanOrEqual(Date.now() / 1000);
    expect(
      valueFor(points, 'health.check.last_success', 'cache'),
    ).toBeDefined();
    expect(
      valueFor(points, 'health.check.last_success', 'auth'),
    ).toBeUndefined();
  });

  it('carry only the check name and kind as attributes', async () => {
    const sdk = telemetry();
    const health = registry();
    health.register(countingCheck('db', {}, { critical: true }).check);

    await health.report('standard');
    const points = await sdk.collectMetrics();
    const health_ = points.filter((point) =>
      point.name.startsWith('health.check.'),
    );

    expect(health_.length).toBe(3);
    for (const point of health_) {
      expect(point.attributes).toEqual({
        'health.check.name': 'db',
        'health.check.kind': 'custom',
      });
    }
    expect(
      health_.every((point) => point.scope === '@seda/telemetry/health'),
    ).toBe(true);
  });

  it('never run a check when metrics are collected', async () => {
    const sdk = telemetry();
    const health = registry();
    const { check, counter } = countingCheck('db', {});
    health.register(check);

    await health.report('standard');
    await sdk.collectMetrics();
    await sdk.collectMetrics();

    expect(counter.runs).toBe(1);
  });

  it('record a timeout as down with its duration', async () => {
    const sdk = telemetry();
    const health = registry();
    health.register({
      name: 'hangs',
      kind: 'custom',
      timeoutMillis: 60,
      run: () => new Promise(() => {}),
    });

    await health.report('standard');
    const points = await sdk.collectMetrics();

    expect(valueFor(points, 'health.check.status', 'hangs')?.value).toBe(0);
    expect(
      valueFor(points, 'health.check.duration', 'hangs')?.min,
    ).toBeGreaterThanOrEqual(0.05);
  });

  it('keep the last success of a check that went down', async () => {
    const sdk = telemetry();
    const health = registry({ cacheMillis: 0 });
    let healthy = true;
    health.register({
      name: 'db',
      kind: 'custom',
      run: async () => (healthy ? undefined : { status: 'down' }),
    });

    await health.report('standard');
    const first = await sdk.collectMetrics();
    healthy = false;
    await health.report('standard');
    const second = await sdk.collectMetrics();

    expect(valueFor(second, 'health.check.status', 'db')?.value).toBe(0);
    expect(valueFor(second, 'health.check.last_success', 'db')?.value).toBe(
      valueFor(first, 'health.check.last_success', 'db')?.value,
    );
  });

  it('leave deep checks out of the overall status', async () => {
    const sdk = telemetry();
    const health = registry();
    health
      .register(countingCheck('db', {}, { critical: true }).check)
      .register(
        countingCheck(
          'tables',
          { status: 'down' },
          { critical: true, deep: true },
        ).check,
      );

    await health.report('deep');
    const points = await sdk.collectMetrics();

    expect(valueFor(points, 'health.check.status', 'tables')?.value).toBe(0);
    expect(pointsOf(points, 'health.status')[0]?.value).toBe(1);
  });
});

describe('registry and SDK start order', () => {
  it('binds a registry created before the SDK starts', async () => {
    const { check, counter } = countingCheck('db', {});
    const health = registry({ intervalMillis: 60_000 });
    health.register(check);
    expect(counter.runs).toBe(0);

    const sdk = telemetry();
    await waitUntil(() => health.latestResults().length === 1);
    const points = await sdk.collectMetrics();

    expect(valueFor(points, 'health.check.status', 'db')?.value).toBe(1);
  });

  it('runs a check registered while the schedule runs at once', async () => {
    const sdk = telemetry();
    const health = registry({ intervalMillis: 60_000 });
    const { check, counter } = countingCheck('db', {});

    health.register(check);
    await waitUntil(() => health.latestResults().length === 1);
    const points = await sdk.collectMetrics();

    expect(counter.runs).toBe(1);

    expect(valueFor(points, 'health.check.status', 'db')?.value).toBe(1);
  });

  it('runs the checks on the schedule without probes', async () => {
    telemetry();
    const health = registry({ intervalMillis: 30, cacheMillis: 0 });
    const { check, counter } = countingCheck('db', {});
    health.register(check);

    await waitUntil(() => counter.runs >= 3);

    expect(counter.runs).toBeGreaterThanOrEqual(3);
  });

  it('stops the schedule when the SDK shuts down', async () => {
    const sdk = startTestTelemetry({ instrumentations: { http: false } });
    const health = registry({ intervalMillis: 20, cacheMillis: 0 });
    const { check, counter } = countingCheck('db', {});
    health.register(check);
    await waitUntil(() => counter.runs >= 2);

    await sdk.shutdown();
    const afterShutdown = counter.runs;
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect(counter.runs).toBe(afterShutdown);
  });

  it('binds again when the SDK starts again', async () => {
    const first = startTestTelemetry({ instrumentations: { http: false } });
    const health = registry({ intervalMillis: 60_000 });
    health.register(countingCheck('db', {}).check);
    await first.shutdown();

    const second = telemetry();
    await health.report('standard');
    const points = await second.collectMetrics();

    expect(valueFor(points, 'health.check.status', 'db')?.value).toBe(1);
  });

  it('stays quiet after stop even when the SDK starts', async () => {
    const health = testRegistry({ intervalMillis: 20 });
    const { check, counter } = countingCheck('db', {});
    health.register(check);
    health.stop();

    const sdk = telemetry();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const points = await sdk.collectMetrics();

    expect(counter.runs).toBe(0);
    expect(pointsOf(points, 'health.check.status')).toEqual([]);
  });
});

describe('health instruments without the SDK', () => {
  it('runs checks on probes only and records nothing', async () => {
    const health = registry({ intervalMillis: 20 });
    const { check, counter } = countingCheck('db', {});
    health.register(check);

    await new Promise((resolve) => setTimeout(resolve, 100));
    const report = await health.report('standard');

    expect(counter.runs).toBe(1);
    expect(report.status).toBe('healthy');
  });

  it('records into a meter provider given as an option', async () => {
    const reader = new OnDemandReader();
    const provider = new MeterProvider({ readers: [reader] });
    cleanups.push(() => provider.shutdown());
    const health = registry({
      meterProvider: provider,
      intervalMillis: 60_000,
    });
    const { check, counter } = countingCheck('db', { status: 'degraded' });

    health.register(check);
    await waitUntil(() => health.latestResults().length === 1);
    const { resourceMetrics } = await reader.collect();
    const names = resourceMetrics.scopeMetrics.flatMap((scope) =>
      scope.metrics.map((metric) => metric.descriptor.name),
    );

    expect(names.sort()).toEqual([
      'health.check.duration',
      'health.check.last_success',
      'health.check.status',
      'health.status',
    ]);
  });
});
