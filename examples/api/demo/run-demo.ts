import { startOtlpReceiver, type OtlpReceiver } from '@seda/test-utils';
import {
  describeExit,
  describeUncleanExit,
  START_TIMEOUT_MILLIS,
  startApiProcess,
  STOP_GRACE_MILLIS,
  type ApiProcess,
} from './api-process.js';
import { openDemoDatabase, type DemoDatabase } from './database.js';
import { DemoFailure } from './demo-failure.js';
import type { DemoTelemetry } from './demo-telemetry.js';
import {
  startDependencyStub,
  type DependencyStub,
} from './dependency-stub.js';
import {
  planStubStop,
  printHealthAfter,
  printHealthBefore,
  STATUS_CHANGE_TIMEOUT_MILLIS,
} from './health-change.js';
import type { DemoOptions } from './options.js';
import { scrapePrometheus } from './prometheus-scrape.js';
import { findMissingSignals } from './signal-checks.js';
import { formatSummary } from './summary/summary.js';
import { runTraffic } from './traffic.js';
import type { TrafficStats } from './traffic/traffic-stats.js';

/** Destinations of the demo's text: `line` is stdout, `problem` stderr. */
export interface DemoOutput {
  line(text: string): void;
  problem(text: string): void;
}

/** Thrown when Ctrl-C or SIGTERM stops the demo before its summary. */
export class DemoInterrupted extends Error {
  override name = 'DemoInterrupted';
}

/**
 * Time after the traffic for the requests still running, which give up
 * after 10 s, and for the Prometheus scrape, which gives up after 5 s.
 */
const TRAFFIC_DRAIN_MILLIS = 15_000;

/**
 * Runs the demo and resolves with its exit code: 0 when every expected
 * signal arrived and the API stopped cleanly, else 1. Every child process
 * and server it starts is stopped before it resolves or rejects.
 *
 * @throws DemoFailure when the API does not start or exits during the run.
 * @throws DemoInterrupted when `interrupt` aborts.
 */
export async function runDemo(
  options: DemoOptions,
  interrupt: AbortSignal,
  output: DemoOutput,
): Promise<number> {
  const receiver = await startOtlpReceiver();
  const stub = await startDependencyStub();
  let database: DemoDatabase | undefined;
  let starting: Promise<ApiProcess> | undefined;
  let api: ApiProcess | undefined;

  try {
    database = await openDemoDatabase(options.databaseUrl);
    output.line(
      `@seda/telemetry demo: the example API under ` +
        `${options.trafficSeconds} s of traffic from ` +
        `${options.virtualUsers} virtual users`,
    );
    output.line(`OTLP receiver  ${receiver.url}`);
    starting = startApiProcess({
      receiverUrl: receiver.url,
      databaseUrl: database.url,
      redisUrl: options.redisUrl,
      redisKeyPrefix: options.redisKeyPrefix,
      authHealthUrl: stub.authUrl,
      spotifyHealthUrl: stub.spotifyUrl,
      lifetimeMillis: lifetimeMillis(options),
    });
    api = await untilInterrupted(starting, interrupt);
    printApi(api, stub, output);
    return await runAgainst(api, receiver, stub, options, interrupt, output);
  } finally {
    const running = api ?? (await starting?.catch(() => undefined));

    await running?.stop();
    await stub.stop();
    await receiver.close();
    await database?.remove();
  }
}

async function runAgainst(
  api: ApiProcess,
  receiver: OtlpReceiver,
  stub: DependencyStub,
  options: DemoOptions,
  interrupt: AbortSignal,
  output: DemoOutput,
): Promise<number> {
  await printHealthBefore(api.url, output.line);

  const midway = options.trafficSeconds * 500;
  const stubStop = planStubStop(stub, midway, output.line);
  let traffic: TrafficStats;

  try {
    traffic = await driveTraffic(api, options, interrupt, output);
  } finally {
    stubStop.cancel();
  }
  await stub.stop();
  await printHealthAfter(api.url, output.line);

  const scrape =
    api.prometheusUrl === undefined
      ? undefined
      : await scrapePrometheus(api.prometheusUrl);

  output.line('Stopping the API with SIGTERM, which flushes its telemetry.');

  const stopStarted = performance.now();
  const exit = await api.stop();
  const stopSeconds = (performance.now() - stopStarted) / 1000;
  const unclean = describeUncleanExit(exit, true);

  output.line(
    `The API exited (${describeExit(exit)}) ${stopSeconds.toFixed(1)} s ` +
      'after SIGTERM.',
  );

  const telemetry: DemoTelemetry = {
    spans: receiver.spans(),
    metrics: receiver.metrics(),
    logs: receiver.logs(),
    scrape,
  };

  output.line('');
  output.line(formatSummary(telemetry, traffic));
  return reportProblems(api, telemetry, unclean, output);
}

async function driveTraffic(
  api: ApiProcess,
  options: DemoOptions,
  interrupt: AbortSignal,
  output: DemoOutput,
): Promise<TrafficStats> {
  const abort = new AbortController();
  const stopTraffic = () => abort.abort();
  let crash: string | undefined;

  interrupt.addEventListener('abort', stopTraffic);
  void api.exited.then((exit) => {
    crash ??= describeUncleanExit(exit, false);
    abort.abort();
  });

  let stats: TrafficStats;

  try {
    stats = await runTraffic({
      baseUrl: api.url,
      wsUrl: api.wsUrl,
      seconds: options.trafficSeconds,
      virtualUsers: options.virtualUsers,
      signal: abort.signal,
      onProgress: (progress) =>
        output.line(`traffic ${progress.progressLine()}`),
    });
  } finally {
    interrupt.removeEventListener('abort', stopTraffic);
  }
  if (interrupt.aborted) throw new DemoInterrupted('interrupted');
  if (crash !== undefined) throw new DemoFailure(crash, api.outputTail());
  return stats;
}

function reportProblems(
  api: ApiProcess,
  telemetry: DemoTelemetry,
  unclean: string | undefined,
  output: DemoOutput,
): number {
  const missing = findMissingSignals(telemetry);
  const warnings = api.sdkWarnings();

  if (warnings.length > 0) {
    output.problem(`The SDK logged ${warnings.length} warning(s) or error(s):`);
    for (const warning of warnings) output.problem(`  ${warning}`);
  }
  if (unclean !== undefined) {
    output.problem(`demo failed: ${unclean}\n${api.outputTail()}`);
  }
  if (missing.length > 0) {
    output.problem(
      'demo failed: these signals did not arrive: ' +
        missing.map((check) => check.signal).join('; '),
    );
  }
  return unclean === undefined && missing.length === 0 ? 0 : 1;
}

function printApi(
  api: ApiProcess,
  stub: DependencyStub,
  output: DemoOutput,
): void {
  output.line(`API            ${api.url} (pid ${api.pid})`);
  output.line(`ws chat        ${api.wsUrl}`);
  output.line(`database       ${api.databaseDescription}`);
  output.line(`Redis          ${api.redisDescription}`);
  output.line(`Prometheus     ${api.prometheusUrl ?? 'no URL printed'}`);
  output.line(`auth stub      ${stub.authUrl}`);
  output.line(`Spotify stub   ${stub.spotifyUrl}`);
}

/**
 * Computes the API's time limit: start, traffic, drain, the wait for the
 * health change, scrape and stop.
 */
function lifetimeMillis(options: DemoOptions): number {
  return (
    START_TIMEOUT_MILLIS +
    options.trafficSeconds * 1000 +
    TRAFFIC_DRAIN_MILLIS +
    STATUS_CHANGE_TIMEOUT_MILLIS +
    STOP_GRACE_MILLIS
  );
}

function untilInterrupted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new DemoInterrupted('interrupted'));

    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', onAbort);
    });
  });
}
