import type { ReceivedMetricPoint } from '@seda/test-utils';
import { describe, expect, it } from 'vitest';
import { exportEnv, startServerFixture } from '../support/fixtures.js';
import { useReceiver } from '../support/receiver.js';

const receiver = useReceiver();

const forCheck = (points: ReceivedMetricPoint[], check: string) =>
  points.filter((point) => point.attributes['health.check.name'] === check);

const named = (name: string) =>
  receiver()
    .metrics()
    .filter((point) => point.name === name);

const latestValue = (points: ReceivedMetricPoint[]) =>
  [...points].sort((a, b) => Number(a.timeUnixNano - b.timeUnixNano)).at(-1)
    ?.value;

describe('health metrics over OTLP', () => {
  it('arrive from the background schedule with their values', async () => {
    const { url } = await startServerFixture('health/health-app.mjs', {
      env: exportEnv(receiver()),
    });

    await receiver().waitForMetric(
      'health.check.status',
      (point) => point.attributes['health.check.name'] === 'spotify',
      { timeoutMillis: 10_000 },
    );
    const status = named('health.check.status');
    const overall = await receiver().waitForMetric('health.status');
    const duration = await receiver().waitForMetric('health.check.duration');
    const lastSuccess = await receiver().waitForMetric(
      'health.check.last_success',
    );

    expect(latestValue(forCheck(status, 'database'))).toBe(1);
    expect(latestValue(forCheck(status, 'search'))).toBe(0.5);
    expect(latestValue(forCheck(status, 'spotify'))).toBe(1);
    expect(forCheck(status, 'spotify')[0]?.attributes).toEqual({
      'health.check.name': 'spotify',
      'health.check.kind': 'http',
    });
    expect(status[0]?.type).toBe('gauge');
    expect(status[0]?.unit).toBe('1');
    expect(latestValue(overall)).toBe(0.5);
    expect(duration[0]?.type).toBe('histogram');
    expect(duration[0]?.unit).toBe('s');
    expect(forCheck(duration, 'database')[0]?.count).toBeGreaterThanOrEqual(1);
    expect(lastSuccess[0]?.unit).toBe('s');
    expect(latestValue(forCheck(lastSuccess, 'database'))).toBeGreaterThan(
      1_700_000_000,
    );

    await fetch(`${url}/dependency/stop`);
    receiver().reset();
    const afterStop = await receiver().waitForMetric(
      'health.check.status',
      (point) =>
        point.attributes['health.check.name'] === 'spotify' &&
        point.value === 0,
      { timeoutMillis: 10_000 },
    );
    const response = await fetch(`${url}/health`);
    const body = (await response.json()) as {
      status: string;
      checks: Record<string, any>;
    };

    expect(
      forCheck(afterStop, 'spotify').some((point) => point.value === 0),
    ).toBe(true);
    expect(response.status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.checks.spotify.status).toBe('down');
    expect(body.checks.spotify.error).toBe('connection refused');
  });
});
