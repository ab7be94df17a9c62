import { latestPoints, type ReceivedMetricPoint } from '@seda/test-utils';
import { describe, expect, it } from 'vitest';
import { pseudonymizeUserId } from '../../src/business/events/pseudonym.js';
import { exportEnv, startFixture } from '../support/fixtures.js';
import { useReceiver } from '../support/receiver.js';

const receiver = useReceiver();

const KEY = 'fixture-pseudonym-key-of-40-characters!!';
const USER_ID = 913_587_201;

function current(points: readonly ReceivedMetricPoint[], name: string) {
  return latestPoints(points.filter((point) => point.name === name));
}

async function runFixture() {
  const fixture = await startFixture('business/business-app.mjs', {
    env: exportEnv(receiver(), {
      OTEL_METRICS_EXPORTER: 'otlp,prometheus',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: '0',
      SEDA_TELEMETRY_PSEUDONYM_KEY: KEY,
    }),
  });
  await fixture.waitForOutput(/recorded/);
  const [, scrapeUrl] = await fixture.waitForOutput(
    /Prometheus metrics served at (\S+)/,
    { stream: 'stderr' },
  );
  const scrape = await (await fetch(scrapeUrl as string)).text();
  await fixture.stop('SIGTERM');
  return { scrape, received: receiver() };
}

describe('business telemetry over OTLP', () => {
  it('exports counters, gauges and events', async () => {
    const { scrape, received } = await runFixture();

    const shared = current(received.metrics(), 'seda.track.shared');
    expect(shared.map((point) => [point.attributes, point.value])).toEqual(
      expect.arrayContaining([
        [{ 'seda.track.provider': 'spotify' }, 1],
        [{ 'seda.track.provider': 'other' }, 1],
      ]),
    );
    expect(shared[0]?.scope.name).toBe('@seda/telemetry/business');
    const rooms = current(received.metrics(), 'fixture.room.count');
    expect(
      rooms.map((point) => [point.type, point.attributes, point.value]),
    ).toEqual([['gauge', { 'seda.room.kind': 'public' }, 4]]);
    const stale = current(received.metrics(), 'seda.business.gauge.stale');
    expect(stale.map((point) => [point.attributes, point.value])).toEqual([
      [{ 'seda.gauge.name': 'fixture.room.count' }, 0],
    ]);

    const events = received
      .logs()
      .filter((record) => record.eventName !== undefined);
    expect(events.map((record) => record.eventName)).toEqual([
      'seda.user.signed_up',
      'seda.track.shared',
    ]);
    expect(events[1]?.attributes).toEqual({
      'user.hash': pseudonymizeUserId(USER_ID, KEY),
      'seda.track.provider': 'spotify',
      'seda.room.kind': 'public',
      'seda.track.title': 'So What',
      'seda.track.artist': 'Miles Davis',
    });

    expect(scrape).toMatch(
      /^seda_track_shared_total\{[^}]*seda_track_provider="other"[^}]*\} 1$/m,
    );
    expect(scrape).toMatch(
      /^fixture_room_count\{[^}]*seda_room_kind="public"[^}]*\} 4$/m,
    );
  });

  it('exports no user id or track text in metrics', async () => {
    const { scrape, received } = await runFixture();

    const exported = JSON.stringify(
      received.metrics(),
      (_key, value: unknown) =>
        typeof value === 'bigint' ? value.toString() : value,
    );
    expect(received.metrics().length).toBeGreaterThan(0);
    for (const secret of [String(USER_ID), 'So What', 'Miles Davis', KEY]) {
      expect(exported).not.toContain(secret);
      expect(scrape).not.toContain(secret);
    }
    const logs = JSON.stringify(received.logs(), (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    expect(logs).not.toContain(String(USER_ID));
    expect(logs).not.toContain(KEY);
  });
});
