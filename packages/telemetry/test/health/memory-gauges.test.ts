import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryCheck } from '../../src/health/checks/memory.js';
import type { HealthRegistry } from '../../src/health/registry.js';
import type { HealthCheck } from '../../src/health/types.js';
import type { MetricPoint } from '../../src/testing/metric-points.js';
import {
  startTestTelemetry,
  type TestTelemetry,
} from '../../src/testing/test-telemetry.js';
import { testRegistry } from './support/registry.js';

const cleanups: (() => unknown)[] = [];
let cgroupRoot: string;

beforeAll(async () => {
  cgroupRoot = await mkdtemp(join(tmpdir(), 'health-memory-gauges-'));
});

afterAll(() => rm(cgroupRoot, { recursive: true, force: true }));

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function telemetry(): TestTelemetry {
  const started = startTestTelemetry({ instrumentations: { http: false } });
  cleanups.push(() => started.shutdown());
  return started;
}

function registryWith(...checks: HealthCheck[]): HealthRegistry {
  const registry = testRegistry({ cacheMillis: 0 });
  for (const check of checks) registry.register(check);
  cleanups.push(() => registry.stop());
  return registry;
}

const pointsOf = (points: MetricPoint[], name: string) =>
  points.filter((point) => point.name === name);

describe('memory gauges', () => {
  it('publish the RSS and the limit of the memory check', async () => {
    const limitBytes = process.memoryUsage().rss * 4;
    await writeFile(join(cgroupRoot, 'memory.max'), String(limitBytes));
    const sdk = telemetry();
    const health = registryWith(memoryCheck({ cgroupRoot }));

    const report = await health.report('deep');
    const points = await sdk.collectMetrics();
    const details = report.checks.memory?.details as Record<string, number>;
    const [usage] = pointsOf(points, 'process.memory.usage');
    const [limit] = pointsOf(points, 'health.memory.limit');

    expect(usage?.value).toBe(details.rssBytes);
    expect(usage?.unit).toBe('By');
    expect(usage?.type).toBe('sum');
    expect(limit?.value).toBe(limitBytes);
    expect(limit?.unit).toBe('By');
    expect(limit?.type).toBe('gauge');
    expect(limit?.scope).toBe('@seda/telemetry/health');
    expect(limit?.attributes).toEqual({
      'health.check.name': 'memory',
      'health.check.kind': 'memory',
    });
    expect((usage?.value ?? 0) / (limit?.value ?? 1)).toBeCloseTo(
      details.rssRatio ?? 0,
      3,
    );
  });

  it('follow a changed limit at the next run', async () => {
    const rss = process.memoryUsage().rss;
    await writeFile(join(cgroupRoot, 'memory.max'), String(rss * 4));
    const sdk = telemetry();
    const health = registryWith(memoryCheck({ cgroupRoot }));
    await health.report('deep');

    await writeFile(join(cgroupRoot, 'memory.max'), String(rss * 8));
    await health.report('deep');
    const points = await sdk.collectMetrics();

    expect(pointsOf(points, 'health.memory.limit')[0]?.value).toBe(rss * 8);
  });

  it('stay absent without a memory check', async () => {
    const sdk = telemetry();
    const health = registryWith({
      name: 'db',
      kind: 'custom',
      run: async () => undefined,
    });

    await health.report('deep');
    const points = await sdk.collectMetrics();

    expect(pointsOf(points, 'process.memory.usage')).toEqual([]);
    expect(pointsOf(points, 'health.memory.limit')).toEqual([]);
  });

  it('skip a memory-kind check without the two numbers', async () => {
    const sdk = telemetry();
    const health = registryWith({
      name: 'heap',
      kind: 'memory',
      run: async () => ({ details: { rssBytes: 'a lot' } }),
    });

    await health.report('deep');
    const points = await sdk.collectMetrics();

    expect(pointsOf(points, 'health.check.status')).toHaveLength(1);
    expect(pointsOf(points, 'process.memory.usage')).toEqual([]);
    expect(pointsOf(points, 'health.memory.limit')).toEqual([]);
  });
});
