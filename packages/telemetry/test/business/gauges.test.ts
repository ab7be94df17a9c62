import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineGaugeQuery } from '../../src/business/gauges/define-gauge.js';
import { registerBusinessGauges } from '../../src/business/gauges/register.js';
import type {
  BusinessGauges,
  GaugeReading,
} from '../../src/business/gauges/types.js';
import { STALE_GAUGE } from '../../src/business/instrument-table.js';
import {
  startTestTelemetry,
  type TestTelemetry,
} from '../../src/testing/test-telemetry.js';
import { captureDiagLines } from '../support/stderr.js';
import { deferred, pointValue } from './support.js';

const MANUAL = { startDelayMillis: 3_600_000 };

let telemetry: TestTelemetry;
const registered: BusinessGauges[] = [];

beforeAll(() => {
  telemetry = startTestTelemetry({ logLevel: 'info' });
});

afterEach(() => {
  for (const gauges of registered.splice(0)) gauges.stop();
});

afterAll(() => telemetry.shutdown());

/** Creates a counting query whose next results the test decides. */
function scriptedQuery(name: string) {
  const calls: { signal: AbortSignal }[] = [];
  const results: (() => Promise<readonly GaugeReading[]>)[] = [];
  const query = defineGaugeQuery(
    {
      name,
      unit: '{room}',
      description: `Rooms counted for ${name}.`,
      attributes: { 'seda.room.kind': ['public', 'private'] },
    },
    (signal) => {
      calls.push({ signal });
      const next = results.shift();
      return next ? next() : Promise.resolve([{ value: 0 }]);
    },
  );
  return {
    query,
    calls,
    then(result: () => Promise<readonly GaugeReading[]>) {
      results.push(result);
    },
  };
}

function register(
  ...args: Parameters<typeof registerBusinessGauges>
): BusinessGauges {
  const gauges = registerBusinessGauges(...args);
  registered.push(gauges);
  return gauges;
}

describe('registerBusinessGauges', () => {
  it('exports the cached readings', async () => {
    const rooms = scriptedQuery('test.rooms.cached');
    rooms.then(async () => [
      { value: 3, attributes: { 'seda.room.kind': 'public' } },
      { value: 1, attributes: { 'seda.room.kind': 'private' } },
    ]);
    const gauges = register([rooms.query], MANUAL);

    await gauges.refresh();
    const points = await telemetry.collectMetrics();

    expect(gauges.active).toBe(true);
    expect(
      pointValue(points, 'test.rooms.cached', { 'seda.room.kind': 'public' }),
    ).toBe(3);
    expect(
      pointValue(points, 'test.rooms.cached', { 'seda.room.kind': 'private' }),
    ).toBe(1);
    expect(
      pointValue(points, STALE_GAUGE.name, {
        'seda.gauge.name': 'test.rooms.cached',
      }),
    ).toBe(0);
  });

  it('never queries during a collection', async () => {
    const rooms = scriptedQuery('test.rooms.collections');
    register([rooms.query], MANUAL);

    for (let i = 0; i < 5; i += 1) await telemetry.collectMetrics();

    expect(rooms.calls).toHaveLength(0);
  });

  it('bounds reading attributes and adds up merged series', async () => {
    const rooms = scriptedQuery('test.rooms.bounded');
    rooms.then(async () => [
      { value: 2, attributes: { 'seda.room.kind': 'lobby' as 'public' } },
      {
        value: 5,
        attributes: { 'seda.room.kind': 'hall' as 'public', 'user.id': '7' },
      },
    ]);
    const gauges = register([rooms.query], MANUAL);

    await gauges.refresh();
    const points = (await telemetry.collectMetrics()).filter(
      (point) => point.name === 'test.rooms.bounded',
    );

    expect(points).toHaveLength(1);
    expect(points[0]?.attributes).toEqual({ 'seda.room.kind': 'other' });
    expect(points[0]?.value).toBe(7);
  });

  it('runs overlapping refreshes once', async () => {
    const rooms = scriptedQuery('test.rooms.overlap');
    const pending = deferred<readonly GaugeReading[]>();
    rooms.then(() => pending.promise);
    const gauges = register([rooms.query], MANUAL);

    const first = gauges.refresh();
    const second = gauges.refresh();
    await Promise.all([telemetry.collectMetrics(), telemetry.collectMetrics()]);
    pending.resolve([{ value: 4, attributes: { 'seda.room.kind': 'public' } }]);
    await Promise.all([first, second]);

    expect(rooms.calls).toHaveLength(1);
    expect(second).toBe(first);
    const points = await telemetry.collectMetrics();
    expect(
      pointValue(points, 'test.rooms.overlap', { 'seda.room.kind': 'public' }),
    ).toBe(4);
  });

  it('collects while a query hangs and marks it stale', async () => {
    const log = captureDiagLines();
    const rooms = scriptedQuery('test.rooms.hanging');
    rooms.then(async () => [
      { value: 9, attributes: { 'seda.room.kind': 'public' } },
    ]);
    let settled = false;
    rooms.then(() =>
      new Promise<never>(() => {}).finally(() => (settled = true)),
    );
    const gauges = register([rooms.query], {
      ...MANUAL,
      queryTimeoutMillis: 200,
    });
    await gauges.refresh();

    const hanging = gauges.refresh();
    const during = await telemetry.collectMetrics();

    // The collection finished while the query was still pending.
    expect(rooms.calls).toHaveLength(2);
    expect(settled).toBe(false);
    expect(
      pointValue(during, 'test.rooms.hanging', { 'seda.room.kind': 'public' }),
    ).toBe(9);

    await hanging;
    const after = await telemetry.collectMetrics();
    expect(rooms.calls[1]?.signal.aborted).toBe(true);
    expect(
      pointValue(after, 'test.rooms.hanging', { 'seda.room.kind': 'public' }),
    ).toBe(9);
    expect(
      pointValue(after, STALE_GAUGE.name, {
        'seda.gauge.name': 'test.rooms.hanging',
      }),
    ).toBe(1);

    // The hung query is still pending, so later refreshes skip it.
    await gauges.refresh();
    await gauges.refresh();
    log.restore();
    expect(rooms.calls).toHaveLength(2);
    const warnings = log
      .lines()
      .filter((line) => line.includes('gauge test.rooms.hanging'));
    expect(warnings).toEqual([
      '@seda/telemetry/business warn: gauge test.rooms.hanging: query timed ' +
        'out after 200 ms; reporting the last value as stale until a query succeeds',
    ]);
  });

  it('keeps the last value after a failure and logs once', async () => {
    const log = captureDiagLines();
    const rooms = scriptedQuery('test.rooms.failing');
    rooms.then(async () => [
      { value: 5, attributes: { 'seda.room.kind': 'private' } },
    ]);
    for (let i = 0; i < 3; i += 1) {
      rooms.then(() => Promise.reject(new Error('connection refused')));
    }
    rooms.then(async () => [
      { value: 6, attributes: { 'seda.room.kind': 'private' } },
    ]);
    const gauges = register([rooms.query], MANUAL);
    const stale = async () =>
      pointValue(await telemetry.collectMetrics(), STALE_GAUGE.name, {
        'seda.gauge.name': 'test.rooms.failing',
      });
    const value = async () =>
      pointValue(await telemetry.collectMetrics(), 'test.rooms.failing', {
        'seda.room.kind': 'private',
      });

    await gauges.refresh();
    for (let i = 0; i < 3; i += 1) await gauges.refresh();
    const staleValue = await value();
    const staleMark = await stale();
    await gauges.refresh();
    log.restore();

    expect(staleValue).toBe(5);
    expect(staleMark).toBe(1);
    expect(await value()).toBe(6);
    expect(await stale()).toBe(0);
    expect(
      log.lines().filter((line) => line.includes('test.rooms.failing')),
    ).toEqual([
      '@seda/telemetry/business warn: gauge test.rooms.failing: query failed: ' +
        'Error: connection refused; reporting the last value as stale until a ' +
        'query succeeds',
      '@seda/telemetry/business info: gauge test.rooms.failing: query succeeded again',
    ]);
  });

  it('treats invalid readings as a failure', async () => {
    const rooms = scriptedQuery('test.rooms.invalid');
    rooms.then(async () => [{ value: Number.NaN }]);
    const gauges = register([rooms.query], MANUAL);

    await gauges.refresh();
    const points = await telemetry.collectMetrics();

    expect(points.some((point) => point.name === 'test.rooms.invalid')).toBe(
      false,
    );
    expect(
      pointValue(points, STALE_GAUGE.name, {
        'seda.gauge.name': 'test.rooms.invalid',
      }),
    ).toBe(1);
  });

  it('skips a name registered already', async () => {
    const first = scriptedQuery('test.rooms.duplicate');
    const second = scriptedQuery('test.rooms.duplicate');
    register([first.query], MANUAL);

    const gauges = register([second.query], MANUAL);
    await gauges.refresh();

    expect(gauges.names).toEqual([]);
    expect(second.calls).toHaveLength(0);
  });

  it('skips malformed queries', () => {
    const gauges = register(
      [
        { gauge: { name: '9 rooms' }, run: async () => [] } as never,
        {} as never,
      ],
      MANUAL,
    );

    expect(gauges.names).toEqual([]);
  });

  it('uses unref timers', async () => {
    const timers = () =>
      process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout')
        .length;
    const before = timers();

    register([scriptedQuery('test.rooms.timers').query], {
      startDelayMillis: 0,
      refreshIntervalMillis: 60_000,
    });

    expect(timers()).toBe(before);
  });

  it('refreshes on the schedule until stopped', async () => {
    const rooms = scriptedQuery('test.rooms.scheduled');
    const gauges = register([rooms.query], {
      startDelayMillis: 0,
      refreshIntervalMillis: 1_000,
    });

    await until(() => rooms.calls.length === 2);
    gauges.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    expect(rooms.calls).toHaveLength(2);
    expect(await gauges.refresh()).toBeUndefined();
    expect(rooms.calls).toHaveLength(2);
  });
});

describe('at shutdown', () => {
  it('stops the schedule and registers nothing more', async () => {
    const rooms = scriptedQuery('test.rooms.shutdown');
    registerBusinessGauges([rooms.query], {
      startDelayMillis: 0,
      refreshIntervalMillis: 1_000,
    });
    await until(() => rooms.calls.length === 1);

    await telemetry.shutdown();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const late = registerBusinessGauges([rooms.query], { startDelayMillis: 0 });
    await late.refresh();

    expect(rooms.calls).toHaveLength(1);
    expect(late.active).toBe(false);
  });
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
