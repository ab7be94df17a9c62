import type {
  ReceivedLogRecord,
  ReceivedMetricPoint,
  ReceivedScope,
} from '@seda/test-utils';
import { DATABASE_GAUGES } from '@seda/telemetry/business';
import { describe, expect, it } from 'vitest';
import type { DemoTelemetry } from '../../demo/demo-telemetry.js';
import { findMissingSignals } from '../../demo/signal-checks.js';
import { formatBusinessMetrics } from '../../demo/summary/business-metrics.js';
import { businessFamilies } from '../../demo/summary/business-series.js';

const SCOPE: ReceivedScope = {
  name: '@seda/telemetry/business',
  version: '0.1.0',
};

let time = 0n;

function point(
  name: string,
  value: number,
  attributes: Record<string, unknown> = {},
  type: 'sum' | 'gauge' = 'gauge',
): ReceivedMetricPoint {
  time += 1n;
  return {
    name,
    unit: '1',
    description: '',
    type,
    attributes,
    value,
    flags: 0,
    startTimeUnixNano: 0n,
    timeUnixNano: time,
    resource: {},
    scope: SCOPE,
  };
}

const COUNTERS = [
  point('seda.user.signed_up', 3, { 'seda.user.type': 'listener' }, 'sum'),
  point('seda.message.sent', 5, { 'seda.message.has_track': true }, 'sum'),
  point('seda.track.shared', 2, { 'seda.track.provider': 'spotify' }, 'sum'),
  point('seda.reaction.added', 1, { 'seda.reaction.type': 'like' }, 'sum'),
];

function gauges(staleName?: string): ReceivedMetricPoint[] {
  return Object.values(DATABASE_GAUGES).flatMap((gauge) => [
    point(gauge.name, 7, { 'seda.window': 'all' }),
    point('seda.business.gauge.stale', gauge.name === staleName ? 1 : 0, {
      'seda.gauge.name': gauge.name,
    }),
  ]);
}

function telemetry(metrics: ReceivedMetricPoint[]): DemoTelemetry {
  return { spans: [], metrics, logs: [], scrape: undefined };
}

const businessMissing = (data: DemoTelemetry) =>
  findMissingSignals(data)
    .map((check) => check.id)
    .filter((id) => id.startsWith('business-'));

describe('business signal checks', () => {
  it('pass with counters and fresh gauges', () => {
    expect(businessMissing(telemetry([...COUNTERS, ...gauges()]))).toEqual([]);
  });

  it('report a missing counter', () => {
    const data = telemetry([
      ...COUNTERS.filter((entry) => entry.name !== 'seda.message.sent'),
      ...gauges(),
    ]);

    expect(businessMissing(data)).toEqual(['business-counters']);
  });

  it('report a stale gauge', () => {
    const data = telemetry([...COUNTERS, ...gauges('seda.track.count')]);

    expect(businessMissing(data)).toEqual(['business-gauges']);
  });

  it('report a gauge that never arrived', () => {
    const data = telemetry([
      ...COUNTERS,
      ...gauges().filter((entry) => entry.name !== 'seda.artist.count'),
    ]);

    expect(businessMissing(data)).toEqual(['business-gauges']);
  });

  it('use the latest stale mark', () => {
    const data = telemetry([
      ...COUNTERS,
      ...gauges('seda.user.count'),
      ...gauges(),
    ]);

    expect(businessMissing(data)).toEqual([]);
  });
});

describe('business summary section', () => {
  const scrape = [
    '# TYPE seda_track_shared_total counter',
    'seda_track_shared_total{seda_track_provider="spotify",otel_scope_name="@seda/telemetry/business",otel_scope_version="0.1.0"} 4',
    'seda_track_shared_total{seda_track_provider="youtube",otel_scope_name="@seda/telemetry/business",otel_scope_version="0.1.0"} 9',
    'seda_room_count{otel_scope_name="@seda/telemetry/business",otel_scope_version="0.1.0"} 6',
    'http_server_request_duration_count{http_route="/rooms"} 3',
  ].join('\n');

  it('picks the largest series of each metric', () => {
    expect(businessFamilies(scrape)).toEqual([
      {
        name: 'seda_track_shared_total',
        series: 2,
        largest: 'seda_track_shared_total{seda_track_provider="youtube"} 9',
      },
      { name: 'seda_room_count', series: 1, largest: 'seda_room_count 6' },
    ]);
  });

  it('prints counters, gauges, events and the scrape', () => {
    const logs = [
      { eventName: 'seda.track.shared' },
      { eventName: 'seda.track.shared' },
      { eventName: undefined },
    ] as ReceivedLogRecord[];

    const text = formatBusinessMetrics({
      ...telemetry([...COUNTERS, ...gauges('seda.room.count')]),
      logs,
      scrape: { url: 'http://127.0.0.1:1/metrics', text: scrape },
    });

    expect(text).toMatch(
      /^ {2}seda\.track\.shared +seda\.track\.provider=spotify +2$/m,
    );
    expect(text).toMatch(/^ {2}seda\.room\.count +7 +- +- +-$/m);
    expect(text).toContain(
      'stale: seda.room.count (keeping their last good value)',
    );
    expect(text).toMatch(/^ {2}seda\.track\.shared +2$/m);
    expect(text).toContain('2 business metrics in 3 series');
    expect(text).toContain('  seda_room_count 6');
  });
});
