import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readMemoryLimit } from '../../src/health/checks/cgroup-memory.js';
import { diskCheck } from '../../src/health/checks/disk.js';
import { eventLoopCheck } from '../../src/health/checks/event-loop.js';
import { memoryCheck } from '../../src/health/checks/memory.js';
import type { HealthRegistry } from '../../src/health/registry.js';
import type { HealthCheck } from '../../src/health/types.js';
import { testRegistry } from './support/registry.js';

const registries: HealthRegistry[] = [];

function registryWith(check: HealthCheck): HealthRegistry {
  const registry = testRegistry({ cacheMillis: 0 });
  registry.register(check);
  registries.push(registry);
  return registry;
}

afterEach(() => {
  for (const registry of registries.splice(0)) registry.stop();
});

function blockEventLoop(millis: number): void {
  const until = performance.now() + millis;
  while (performance.now() < until) {
    // Busy wait: the point is to hold the event loop.
  }
}

const sleep = (millis: number) =>
  new Promise((resolve) => setTimeout(resolve, millis));

describe('eventLoopCheck', () => {
  it('is up on an idle loop', async () => {
    const registry = registryWith(eventLoopCheck({ resolutionMillis: 10 }));
    await sleep(100);

    const report = await registry.report('deep');
    const details = report.checks.event_loop?.details as Record<string, number>;

    expect(report.checks.event_loop?.status).toBe('up');
    expect(report.checks.event_loop?.kind).toBe('event_loop');
    expect(details.samples).toBeGreaterThan(0);
    expect(details.p99Millis).toBeLessThan(200);
  });

  it('is degraded after the loop was blocked', async () => {
    const registry = registryWith(
      eventLoopCheck({
        resolutionMillis: 10,
        degradedAboveMillis: 100,
        downAboveMillis: 5_000,
      }),
    );
    await sleep(30);
    blockEventLoop(300);
    await sleep(30);

    const report = await registry.report('deep');
    const details = report.checks.event_loop?.details as Record<string, number>;

    expect(report.checks.event_loop?.status).toBe('degraded');
    expect(details.maxMillis).toBeGreaterThan(250);
    expect(report.checks.event_loop?.error).toMatch(
      /^p99 event loop delay \d+(\.\d+)? ms, above 100 ms$/,
    );
  });

  it('is down above the down threshold', async () => {
    const registry = registryWith(
      eventLoopCheck({
        resolutionMillis: 10,
        degradedAboveMillis: 50,
        downAboveMillis: 100,
      }),
    );
    await sleep(30);
    blockEventLoop(300);
    await sleep(30);

    const report = await registry.report('deep');

    expect(report.checks.event_loop?.status).toBe('down');
  });

  it('measures each window once', async () => {
    const registry = registryWith(
      eventLoopCheck({ resolutionMillis: 10, degradedAboveMillis: 100 }),
    );
    await sleep(30);
    blockEventLoop(300);
    await sleep(30);

    const first = await registry.report('deep');
    await sleep(100);
    const second = await registry.report('deep');

    expect(first.checks.event_loop?.status).toBe('degraded');
    expect(second.checks.event_loop?.status).toBe('up');
  });
});

describe('readMemoryLimit', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'health-cgroup-'));
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  async function cgroupRoot(files: Record<string, string>): Promise<string> {
    const directory = await mkdtemp(join(root, 'case-'));
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(directory, path, '..'), { recursive: true });
      await writeFile(join(directory, path), text);
    }
    return directory;
  }

  it('reads a cgroup v2 limit', async () => {
    const limit = await readMemoryLimit(
      await cgroupRoot({ 'memory.max': '536870912\n' }),
    );

    expect(limit).toEqual({ bytes: 536_870_912, source: 'cgroup v2' });
  });

  it('reads a cgroup v1 limit', async () => {
    const directory = await cgroupRoot({
      'memory/memory.limit_in_bytes': '268435456\n',
    });

    expect(await readMemoryLimit(directory)).toEqual({
      bytes: 268_435_456,
      source: 'cgroup v1',
    });
  });

  it('falls back to the host for cgroup v2 max', async () => {
    const limit = await readMemoryLimit(
      await cgroupRoot({ 'memory.max': 'max\n' }),
    );

    expect(limit.bytes).toBe(totalmem());
    expect(limit.source).toBe('host');
    expect(limit.note).toBe(
      "cgroup v2 sets no memory limit (max), so the host's memory is used",
    );
  });

  it('falls back to the host for the cgroup v1 sentinel', async () => {
    const directory = await cgroupRoot({
      'memory/memory.limit_in_bytes': '9223372036854771712\n',
    });
    const limit = await readMemoryLimit(directory);

    expect(limit.bytes).toBe(totalmem());
    expect(limit.source).toBe('host');
  });

  it('falls back to the host without cgroup files', async () => {
    const limit = await readMemoryLimit(await cgroupRoot({}));

    expect(limit.source).toBe('host');
    expect(limit.note).toMatch(/^no cgroup memory limit file was found/);
  });

  it('prefers cgroup v2 over v1', async () => {
    const directory = await cgroupRoot({
      'memory.max': '1073741824',
      'memory/memory.limit_in_bytes': '268435456',
    });

    expect((await readMemoryLimit(directory)).source).toBe('cgroup v2');
  });
});

describe('memoryCheck', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'health-memory-'));
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('compares RSS with the cgroup limit', async () => {
    const limitBytes = process.memoryUsage().rss * 4;
    await writeFile(join(root, 'memory.max'), String(limitBytes));

    const report = await registryWith(memoryCheck({ cgroupRoot: root })).report(
      'deep',
    );
    const details = report.checks.memory?.details as Record<string, unknown>;

    expect(report.checks.memory?.status).toBe('up');
    expect(details.limitSource).toBe('cgroup v2');
    expect(details.limitBytes).toBe(limitBytes);
    expect(details.rssRatio).toBeGreaterThan(0.1);
    expect(details.rssRatio).toBeLessThan(0.5);
    expect(details.limitNote).toBeUndefined();
  });

  it('is down when RSS is above the limit', async () => {
    await writeFile(
      join(root, 'memory.max'),
      String(Math.floor(process.memoryUsage().rss / 2)),
    );

    const report = await registryWith(memoryCheck({ cgroupRoot: root })).report(
      'deep',
    );

    expect(report.checks.memory?.status).toBe('down');
    expect(report.checks.memory?.error).toMatch(
      /^RSS is \d+\.\d% of the cgroup v2 limit, above 95\.0%$/,
    );
  });

  it('is degraded between the thresholds', async () => {
    await writeFile(
      join(root, 'memory.max'),
      String(process.memoryUsage().rss * 2),
    );

    const report = await registryWith(
      memoryCheck({
        cgroupRoot: root,
        degradedAboveRatio: 0.2,
        downAboveRatio: 0.99,
      }),
    ).report('deep');

    expect(report.checks.memory?.status).toBe('degraded');
  });

  it('notes the host fallback', async () => {
    const report = await registryWith(
      memoryCheck({ cgroupRoot: join(root, 'missing') }),
    ).report('deep');
    const details = report.checks.memory?.details as Record<string, unknown>;

    expect(details.limitSource).toBe('host');
    expect(details.limitBytes).toBe(totalmem());
    expect(details.limitNote).toMatch(/host's memory is used/);
  });

  it('reports heap figures', async () => {
    const report = await registryWith(memoryCheck({ cgroupRoot: root })).report(
      'deep',
    );
    const details = report.checks.memory?.details as Record<string, number>;

    expect(details.heapUsedBytes).toBeGreaterThan(0);
    expect(details.heapLimitBytes).toBeGreaterThan(details.heapUsedBytes ?? 0);
    expect(details.heapRatio).toBeGreaterThan(0);
  });
});

describe('diskCheck', () => {
  it('reports the free space of a path', async () => {
    const report = await registryWith(
      diskCheck({ path: tmpdir(), degradedBelowRatio: 0, downBelowRatio: 0 }),
    ).report('deep');
    const details = report.checks.disk?.details as Record<
      string,
      number | string
    >;

    expect(report.checks.disk?.status).toBe('up');
    expect(details.path).toBe(tmpdir());
    expect(details.totalBytes).toBeGreaterThan(0);
    expect(details.freeBytes).toBeGreaterThan(0);
    expect(details.freeRatio).toBeGreaterThan(0);
    expect(details.freeRatio).toBeLessThanOrEqual(1);
  });

  it('is degraded below the free share', async () => {
    const report = await registryWith(
      diskCheck({
        path: tmpdir(),
        degradedBelowRatio: 1.01,
        downBelowRatio: 0,
      }),
    ).report('deep');

    expect(report.checks.disk?.status).toBe('degraded');
    expect(report.checks.disk?.error).toMatch(/^\d+\.\d% free, below 101%$/);
  });

  it('is down below the down share', async () => {
    const report = await registryWith(
      diskCheck({ path: tmpdir(), downBelowRatio: 1.01 }),
    ).report('deep');

    expect(report.checks.disk?.status).toBe('down');
  });

  it('is down for a path that does not exist', async () => {
    const report = await registryWith(
      diskCheck({ path: join(tmpdir(), 'no-such-dir-for-health') }),
    ).report('deep');

    expect(report.checks.disk?.status).toBe('down');
    expect(report.checks.disk?.error).toMatch(/ENOENT/);
  });
});
