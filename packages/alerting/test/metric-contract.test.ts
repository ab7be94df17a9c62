import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OtlpReceiver, startOtlpReceiver } from '@seda/test-utils';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT, ruleFilePath } from '../src/generate/artifacts.js';
import { collectorName } from '../src/naming/collector-name.js';
import { javascriptExporterName } from '../src/naming/javascript-name.js';
import {
  METRIC_CATALOG,
  type OtlpMetric,
} from '../src/naming/metric-catalog.js';
import { exerciseApi, openChatSocket } from './support/chat-traffic.js';
import { type ExampleApi, startExampleApi } from './support/example-api.js';
import { type Exposition, parseExposition } from './support/exposition.js';
import { referencedSeries } from './support/rule-names.js';
import { waitUntil } from './support/wait-until.js';

/** Series that Prometheus adds to every scrape target itself. */
const SCRAPE_SERIES = new Set(['up']);

const javascriptSeries = referencedSeries(
  join(PACKAGE_ROOT, ruleFilePath('javascript')),
);
const collectorSeries = referencedSeries(
  join(PACKAGE_ROOT, ruleFilePath('collector')),
);

/** Returns the Prometheus sample names of a metric, histograms expanded. */
function sampleNames(metric: OtlpMetric, name: (metric: OtlpMetric) => string) {
  const base = name(metric);
  return metric.type === 'histogram'
    ? [`${base}_bucket`, `${base}_sum`, `${base}_count`]
    : [base];
}

/** Returns the metrics the SDK sent over OTLP, one entry per name. */
function receivedMetrics(receiver: OtlpReceiver): Map<string, OtlpMetric> {
  const metrics = new Map<string, OtlpMetric>();
  for (const point of receiver.metrics()) {
    if (
      point.type !== 'sum' &&
      point.type !== 'gauge' &&
      point.type !== 'histogram'
    )
      continue;
    metrics.set(point.name, {
      name: point.name,
      unit: point.unit,
      type: point.type,
      ...(point.type === 'sum' ? { monotonic: point.monotonic === true } : {}),
    });
  }
  return metrics;
}

describe('metric names of the rules against the SDK', () => {
  let folder: string;
  let receiver: OtlpReceiver;
  let api: ExampleApi;
  let socket: WebSocket;
  let scrape: Exposition;
  let otlp: Map<string, OtlpMetric>;
  let statuses: number[];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'seda-contract-'));
    receiver = await startOtlpReceiver();
    api = await startExampleApi(folder, {
      OTEL_METRICS_EXPORTER: 'prometheus,otlp',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_LOGS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      OTEL_BLRP_SCHEDULE_DELAY: '200',
      SEDA_HEALTH_INTERVAL_MILLIS: '1000',
    });
    socket = await openChatSocket(api.wsUrl);
    statuses = await exerciseApi(api.url);

    const expected = Object.values(METRIC_CATALOG);
    // Every catalog metric is expected within the time; when one never
    // comes, the tests below name it, so the wait's own timeout is moot.
    await waitUntil(
      'every catalog metric in the scrape and over OTLP',
      async () => {
        scrape = parseExposition(await (await fetch(api.metricsUrl)).text());
        otlp = receivedMetrics(receiver);
        const complete = expected.every(
          (metric) =>
            otlp.has(metric.name) &&
            sampleNames(metric, javascriptExporterName).every((name) =>
              scrape.sampleNames.has(name),
            ),
        );
        return complete ? true : undefined;
      },
      { timeoutMillis: 30_000, intervalMillis: 500 },
    ).catch(() => undefined);
  });

  afterAll(async () => {
    socket?.close();
    await api?.stop();
    await receiver?.close();
    if (folder !== undefined)
      await rm(folder, { recursive: true, force: true });
  });

  test('traffic reached every path', () => {
    expect(statuses).toEqual([201, 201, 201, 201, 200, 500, 401, 200]);
  });

  test('scrape carries target_info', () => {
    expect(scrape.sampleNames).toContain('target_info');
    expect(scrape.families.get('target_info')?.type).toBe('gauge');
  });

  test.each(javascriptSeries)(
    'JavaScript rules: %s is in the scrape',
    (name) => {
      if (SCRAPE_SERIES.has(name)) return;

      expect([...scrape.sampleNames]).toContain(name);
    },
  );

  test('JavaScript rules use up only in SedaTargetDown', () => {
    expect(javascriptSeries).toContain('up');
    expect(collectorSeries).not.toContain('up');
  });

  test.each(collectorSeries)(
    'Collector rules: %s follows from the OTLP export',
    (name) => {
      const translated = new Set(['target_info']);
      for (const metric of otlp.values()) {
        for (const sample of sampleNames(metric, collectorName))
          translated.add(sample);
      }

      expect([...translated]).toContain(name);
    },
  );

  test.each(Object.entries(METRIC_CATALOG))(
    'catalog %s matches the OTLP export',
    (_key, metric) => {
      expect(otlp.get(metric.name)).toEqual(metric);
    },
  );

  test.each(Object.entries(METRIC_CATALOG))(
    'catalog %s matches the scrape',
    (_key, metric) => {
      const family = scrape.families.get(javascriptExporterName(metric));
      const expectedType = {
        histogram: 'histogram',
        gauge: 'gauge',
        sum: metric.monotonic ? 'counter' : 'gauge',
      }[metric.type];

      expect(family?.type).toBe(expectedType);
      expect(family?.unit).toBe(metric.unit);
    },
  );
});
