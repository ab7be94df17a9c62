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
import {
  startDependencyStub,
  type DependencyStub,
} from '../demo/dependency-stub.js';
import { printHealthAfter } from '../demo/health-change.js';
import { scrapePrometheus } from '../demo/prometheus-scrape.js';
import { findMissingSignals } from '../demo/signal-checks.js';
import { LOG_TRACE_TITLE } from '../demo/summary/log-trace.js';
import { SUMMARY_SECTION_TITLES } from '../demo/summary/summary.js';
import { WEBSOCKET_CHAT_TITLE } from '../demo/summary/websocket-chat.js';
import { runTraffic } from '../demo/traffic.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The demo's log record line and the ids under it, in the log section. */
const LOGGED_MESSAGE =
  /^ {2}log {3}\S+ info \(severity 9\) message posted .*roomId=\d+.*\n {8}trace (\w{32}) span (\w{16})$/m;
/** The Nest handler span the record was written in, with its ids. */
const HANDLER_SPAN =
  /^ {2}span {2}post \[INTERNAL\], [\d.]+ ms\n {8}trace (\w{32}) span (\w{16})$/m;
/** The path from the server span down to that handler span. */
const SPAN_ANCESTRY =
  /^ {8}in POST \/rooms\/:roomId\/messages \[SERVER\] → .* → post \[INTERNAL\]$/m;

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

  test('prints a log record with the span it was written in', () => {
    const section = exit.stdout.slice(exit.stdout.indexOf(LOG_TRACE_TITLE));
    const log = LOGGED_MESSAGE.exec(section);
    const span = HANDLER_SPAN.exec(section);

    expect(log, section).not.toBeNull();
    expect(span, section).not.toBeNull();
    expect(span?.[1]).toBe(log?.[1]);
    expect(span?.[2]).toBe(log?.[2]);
    expect(section).toMatch(SPAN_ANCESTRY);
  });

  test('prints a message post trace down to a query', () => {
    expect(exit.stdout).toMatch(
      /^ {2}POST \/rooms\/:roomId\/messages \[SERVER\]/m,
    );
    expect(exit.stdout).toMatch(/└─ MessagesController\.post \[INTERNAL\]/);
    expect(exit.stdout).not.toMatch(/request handler/);
    expect(exit.stdout).toMatch(/[├└]─ prisma:client:db_query \[CLIENT\]/);
  });

  test('prints the WebSocket chat section', () => {
    const start = exit.stdout.indexOf(WEBSOCKET_CHAT_TITLE);
    const section = exit.stdout.slice(
      start,
      exit.stdout.indexOf('\n\n', start),
    );

    // Every client has left when the API stops: opened, 0 now.
    expect(section).toMatch(/^ {2}socket\.io +[1-9]\d* +0 +\d+ +[\d ]+$/m);
    expect(section).toMatch(/^ {2}ws +[1-9]\d* +0 +\d+ +[\d ]+$/m);
    expect(section).toMatch(/^ {2}socket\.io +message:send +\d+ +- +\S+ +\d/m);
    expect(section).toMatch(/^ {2}socket\.io +message:new +- +\d+ /m);
    expect(section).toMatch(/^ {2}ws +_OTHER +\d+ /m);
    expect(section).toMatch(/^ {2}ws +message +- +\d+ /m);
    expect(section).toMatch(/^ {2}chat client \(its traceparent/m);
    expect(section).toMatch(/├─ connect \/chat \[SERVER\]/);
    expect(section).toMatch(/└─ receive message:send \[CONSUMER\]/);
    expect(section).toMatch(/└─ (SocketIo|Ws)ChatGateway\.send \[INTERNAL\]/);
    expect(section).toMatch(/name="Message\.create"/);
    expect(section).toMatch(/└─ emit message:new \[PRODUCER\]/);
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

  test('prints /health before and after the stub stops', () => {
    const { stdout } = exit;
    const before = stdout.indexOf('GET /health before the stub stops: HTTP 200');
    const stopped = stdout.indexOf('Stopping the auth and Spotify stub');
    const after = stdout.indexOf('GET /health after the stub stopped: HTTP 200');

    expect(before).toBeGreaterThan(-1);
    expect(stopped).toBeGreaterThan(before);
    expect(after).toBeGreaterThan(stopped);
    expect(stdout.slice(before, stopped)).toContain('"status": "healthy"');
    expect(stdout.slice(after)).toContain('"status": "degraded"');
    expect(stdout.slice(after)).toMatch(/"auth": \{"status":"down"/);
  });

  test('prints the health checks with the status change', () => {
    expect(exit.stdout).toMatch(/^ {2}database +prisma +up +\d+/m);
    expect(exit.stdout).toMatch(/^ {2}auth +http +up → down +\d+/m);
    expect(exit.stdout).toMatch(/^ {2}spotify +http +up → down +\d+/m);
    expect(exit.stdout).toContain('health.status: healthy → degraded');
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
  let stub: DependencyStub;
  let database: DemoDatabase;
  let api: ApiProcess | undefined;
  let telemetry: DemoTelemetry;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    stub = await startDependencyStub();
    database = await openDemoDatabase(undefined);
    api = await startApiProcess({
      receiverUrl: receiver.url,
      databaseUrl: database.url,
      authHealthUrl: stub.authUrl,
      spotifyHealthUrl: stub.spotifyUrl,
      lifetimeMillis: DEMO_TIMEOUT_MILLIS,
    });
    await runTraffic({
      baseUrl: api.url,
      wsUrl: api.wsUrl,
      seconds: 1.5,
      virtualUsers: 4,
      signal: AbortSignal.timeout(30_000),
    });
    await stub.stop();
    await printHealthAfter(api.url, () => undefined);

    const scrape =
      api.prometheusUrl === undefined
        ? undefined
        : await scrapePrometheus(api.prometheusUrl);

    await api.stop();
    telemetry = {
      spans: receiver.spans(),
      metrics: receiver.metrics(),
      logs: receiver.logs(),
      scrape,
    };
  }, DEMO_TIMEOUT_MILLIS);

  afterAll(async () => {
    await api?.stop();
    await stub?.stop();
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
      'websocket-trace',
    ]);
  });

  test('reports missing db_query spans alone', () => {
    const data = withoutSpans((span) => span.name === 'prisma:client:db_query');

    expect(missingIds(data)).toEqual([
      'prisma-query-spans',
      'message-post-trace',
      'websocket-trace',
    ]);
  });

  test('reports missing server spans', () => {
    const data = withoutSpans((span) => span.kind === 'SERVER');

    expect(missingIds(data)).toEqual([
      'server-spans',
      'message-post-trace',
      'websocket-spans',
      'websocket-trace',
    ]);
  });

  test('reports missing Nest spans', () => {
    const data = withoutSpans((span) => 'nestjs.type' in span.attributes);

    expect(missingIds(data)).toEqual([
      'nest-spans',
      'message-post-trace',
      'websocket-trace',
    ]);
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

  test('reports missing health metrics', () => {
    const data = withoutMetrics((point) => point.name.startsWith('health.'));

    expect(missingIds(data)).toEqual([
      'health-metrics',
      'health-status-change',
      'health-overall-change',
    ]);
  });

  test('reports a run without the status change', () => {
    const data = withoutMetrics(
      (point) =>
        (point.name === 'health.check.status' && point.value !== 1) ||
        (point.name === 'health.status' && point.value !== 1),
    );

    expect(missingIds(data)).toEqual([
      'health-status-change',
      'health-overall-change',
    ]);
  });

  test('reports a run without log records', () => {
    expect(missingIds({ ...telemetry, logs: [] })).toEqual([
      'log-records',
      'log-in-trace',
    ]);
  });

  test('reports log records outside every exported trace', () => {
    const data = {
      ...telemetry,
      logs: telemetry.logs.map((record) => ({
        ...record,
        traceId: undefined,
        spanId: undefined,
      })),
    };

    expect(missingIds(data)).toEqual(['log-in-trace']);
  });

  test('reports missing WebSocket metrics', () => {
    const data = withoutMetrics((point) => point.name.startsWith('websocket.'));

    expect(missingIds(data)).toEqual([
      'websocket-connections',
      'websocket-messages',
    ]);
  });

  test('reports a connections gauge left above 0', () => {
    const data = {
      ...telemetry,
      metrics: telemetry.metrics.map((point) =>
        point.name === 'websocket.server.active_connections'
          ? { ...point, value: (point.value ?? 0) + 1 }
          : point,
      ),
    };

    expect(missingIds(data)).toEqual(['websocket-connections']);
  });

  test('reports a run without undeclared events', () => {
    const data = withoutMetrics(
      (point) => point.attributes['websocket.event'] === '_OTHER',
    );

    expect(missingIds(data)).toEqual(['websocket-messages']);
  });

  test('reports chat handshakes without a remote parent', () => {
    const data = {
      ...telemetry,
      spans: telemetry.spans.map((span) =>
        span.name === 'connect /chat' ? { ...span, parentSpanId: '' } : span,
      ),
    };

    expect(missingIds(data)).toEqual(['websocket-trace']);
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
