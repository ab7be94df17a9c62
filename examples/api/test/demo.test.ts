import { fileURLToPath } from 'node:url';
import {
  runFixture,
  startOtlpReceiver,
  stopAllFixtures,
  type FixtureExit,
  type OtlpReceiver,
  type ReceivedMetricPoint,
  type ReceivedSpan,
} from '@seda/test-utils';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApiProcess, type ApiProcess } from '../demo/api-process.js';
import { openDemoDatabase, type DemoDatabase } from '../demo/database.js';
import type { DemoTelemetry } from '../demo/demo-telemetry.js';
import { scrapePrometheus } from '../demo/prometheus-scrape.js';
import { findMissingSignals } from '../demo/signal-checks.js';
import { SUMMARY_SECTION_TITLES } from '../demo/summary/summary.js';
import { runTraffic } from '../demo/traffic.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** A bound far above a run of 3 s of traffic, for loaded CI machines. */
const DEMO_TIMEOUT_MILLIS = 120_000;

describe('demo', () => {
  let exit: FixtureExit;

  beforeAll(async () => {
    // Only PATH, HOME and these variables reach the demo, so it runs on a
    // fresh SQLite file without Redis whatever this shell has set.
    const demo = await runFixture({
      args: ['dist/demo/main.js'],
      cwd: PACKAGE_DIR,
      env: { DEMO_SECONDS: '3' },
      timeoutMillis: DEMO_TIMEOUT_MILLIS,
    });

    exit = await demo.exited;
  }, DEMO_TIMEOUT_MILLIS);

  afterAll(() => stopAllFixtures());

  test('exits with code 0', () => {
    expect(exit.code, exit.stderr).toBe(0);
  });

  test('prints every summary section', () => {
    for (const title of SUMMARY_SECTION_TITLES) {
      expect(exit.stdout).toContain(`${title}\n${'-'.repeat(title.length)}`);
    }
  });

  test('prints progress while the traffic runs', () => {
    expect(exit.stdout).toMatch(/^traffic \d+\.\d s: \d+ requests/m);
  });

  test('prints a message post trace down to a query', () => {
    expect(exit.stdout).toMatch(
      /^ {2}POST \/rooms\/:roomId\/messages \[SERVER\]/m,
    );
    expect(exit.stdout).toMatch(/└─ request handler \[INTERNAL\]/);
    expect(exit.stdout).toMatch(/└─ MessagesController\.post \[INTERNAL\]/);
    expect(exit.stdout).toMatch(/[├└]─ prisma:client:db_query \[CLIENT\]/);
  });

  test('prints the routes with their templates', () => {
    expect(exit.stdout).toMatch(/POST {4}\/rooms\/:roomId\/messages +\d+/);
    expect(exit.stdout).toMatch(/GET {5}unmatched +\d+ +0\.0% +100\.0%/);
  });

  test('prints the Prometheus excerpt', () => {
    expect(exit.stdout).toMatch(/^ {2}http_server_request_duration_bucket\{/m);
    expect(exit.stdout).toMatch(/^ {2}target_info\{.*service_name="seda-api"/m);
    expect(exit.stdout).toMatch(/^ {2}otel_sdk_\w+\{/m);
  });

  test('reports every signal as arrived', () => {
    expect(exit.stdout).not.toContain('MISSING');
  });

  test('writes no colour codes to a pipe', () => {
    expect(exit.stdout).not.toContain('\u001b[');
  });
});

describe('findMissingSignals', () => {
  let receiver: OtlpReceiver;
  let database: DemoDatabase;
  let api: ApiProcess | undefined;
  let telemetry: DemoTelemetry;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    database = await openDemoDatabase(undefined);
    api = await startApiProcess({
      receiverUrl: receiver.url,
      databaseUrl: database.url,
      lifetimeMillis: DEMO_TIMEOUT_MILLIS,
    });
    await runTraffic({
      baseUrl: api.url,
      seconds: 1.5,
      virtualUsers: 4,
      signal: AbortSignal.timeout(30_000),
    });

    const scrape =
      api.prometheusUrl === undefined
        ? undefined
        : await scrapePrometheus(api.prometheusUrl);

    await api.stop();
    telemetry = {
      spans: receiver.spans(),
      metrics: receiver.metrics(),
      scrape,
    };
  }, DEMO_TIMEOUT_MILLIS);

  afterAll(async () => {
    await api?.stop();
    await receiver?.close();
    await database?.remove();
  });

  const withoutSpans = (drop: (span: ReceivedSpan) => boolean) => ({
    ...telemetry,
    spans: telemetry.spans.filter((span) => !drop(span)),
  });
  const withoutMetrics = (drop: (point: ReceivedMetricPoint) => boolean) => ({
    ...telemetry,
    metrics: telemetry.metrics.filter((point) => !drop(point)),
  });
  const missingIds = (data: DemoTelemetry) =>
    findMissingSignals(data).map((check) => check.id);

  test('finds nothing missing in a full run', () => {
    expect(missingIds(telemetry)).toEqual([]);
  });

  test('reports a receiver without Prisma spans', () => {
    const data = withoutSpans((span) => span.name.startsWith('prisma:'));

    expect(missingIds(data)).toEqual([
      'prisma-operation-spans',
      'prisma-query-spans',
      'message-post-trace',
    ]);
  });

  test('reports missing db_query spans alone', () => {
    const data = withoutSpans((span) => span.name === 'prisma:client:db_query');

    expect(missingIds(data)).toEqual([
      'prisma-query-spans',
      'message-post-trace',
    ]);
  });

  test('reports missing server spans', () => {
    const data = withoutSpans((span) => span.kind === 'SERVER');

    expect(missingIds(data)).toEqual(['server-spans', 'message-post-trace']);
  });

  test('reports missing Nest spans', () => {
    const data = withoutSpans((span) => 'nestjs.type' in span.attributes);

    expect(missingIds(data)).toEqual(['nest-spans', 'message-post-trace']);
  });

  test('reports a duration histogram without route templates', () => {
    const data = {
      ...telemetry,
      metrics: telemetry.metrics.map((point) =>
        point.name === 'http.server.request.duration'
          ? { ...point, attributes: { ...point.attributes, 'http.route': '/' } }
          : point,
      ),
    };

    expect(missingIds(data)).toEqual(['http-duration-routes']);
  });

  test('reports a missing Prisma histogram', () => {
    const data = withoutMetrics(
      (point) => point.name === 'prisma.client.operation.duration',
    );

    expect(missingIds(data)).toEqual(['prisma-duration']);
  });

  test('reports missing SDK self metrics', () => {
    const data = withoutMetrics(
      (point) => point.name === 'otel.sdk.processor.span.processed',
    );

    expect(missingIds(data)).toEqual(['sdk-self-metrics']);
  });

  test('reports a failed Prometheus scrape', () => {
    const data = {
      ...telemetry,
      scrape: { url: 'http://127.0.0.1:1/metrics', error: 'refused' },
    };

    expect(missingIds(data)).toEqual(['prometheus-scrape']);
  });

  test('reports a run without a Prometheus URL', () => {
    expect(missingIds({ ...telemetry, scrape: undefined })).toEqual([
      'prometheus-scrape',
    ]);
  });
});
