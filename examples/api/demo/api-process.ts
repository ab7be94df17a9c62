import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  runFixture,
  type FixtureExit,
  type FixtureHandle,
} from '@seda/test-utils';
import { findLogMessage } from './api-log-lines.js';
import { DemoFailure } from './demo-failure.js';

/** Settings of the API child process. */
export interface ApiProcessOptions {
  /** Base URL of the OTLP/HTTP receiver that the SDK exports to. */
  receiverUrl: string;
  databaseUrl: string;
  redisUrl?: string | undefined;
  redisKeyPrefix?: string | undefined;
  /** `AUTH_HEALTH_URL`: the auth provider's health URL. */
  authHealthUrl?: string | undefined;
  /** `SPOTIFY_HEALTH_URL`: Spotify's health URL. */
  spotifyHealthUrl?: string | undefined;
  /** Limit on the child's whole life, after which it gets SIGKILL. */
  lifetimeMillis: number;
}

/** The running API and the endpoints it printed. */
export interface ApiProcess {
  readonly pid: number;
  readonly url: string;
  /** The URL of the `ws` chat gateway, on a port of its own. */
  readonly wsUrl: string;
  /** The scrape URL, or undefined when the SDK printed none in time. */
  readonly prometheusUrl: string | undefined;
  /** The database as the API describes it in its log. */
  readonly databaseDescription: string;
  /** The API's log line on Redis: connected, or off without `REDIS_URL`. */
  readonly redisDescription: string;
  /** Settles when the child has exited, for whatever reason. */
  readonly exited: Promise<FixtureExit>;
  /** The last part of the child's stdout and stderr, for error messages. */
  outputTail(): string;
  /** The SDK's warning and error lines on the child's stderr so far. */
  sdkWarnings(): string[];
  /**
   * Sends SIGTERM and waits for the exit, sending SIGKILL when the API is
   * still running after `STOP_GRACE_MILLIS`.
   */
  stop(): Promise<FixtureExit>;
}

/** How long the API may take to print that it listens. */
export const START_TIMEOUT_MILLIS = 60_000;

/**
 * How long the API may take to exit after SIGTERM. Its shutdown closes the
 * HTTP server, the database and Redis, then flushes telemetry, which the
 * SDK bounds to 5 s by default.
 */
export const STOP_GRACE_MILLIS = 15_000;

/** How long to wait for the Prometheus URL once the API listens. */
const PROMETHEUS_URL_TIMEOUT_MILLIS = 5_000;

const OUTPUT_TAIL_CHARS = 3_000;

/** Fixed and public, so for the demo only: a real key is a secret. */
const DEMO_PSEUDONYM_KEY = 'demo-only-pseudonym-key-not-a-secret-0000';

// The API logs JSON lines, so the URL ends at the quote after it.
const LISTENING_LINE = /listening on (http:\/\/[^\s"]+)/;
const WS_LISTENING_LINE = /ws listening on (ws:\/\/[^\s"]+)/;
const PROMETHEUS_LINE = /Prometheus metrics served at (http:\/\/\S+)/;
const SDK_WARNING_LINE = /^@seda\/telemetry\/\S+ (?:warn|error):/;

/**
 * Starts `dist/main.js` on port 0 with telemetry aimed at the receiver and
 * resolves once it listens.
 *
 * @throws DemoFailure when the API exits or stays silent before listening.
 */
export async function startApiProcess(
  options: ApiProcessOptions,
): Promise<ApiProcess> {
  const packageDir = findPackageDir();
  const child = await runFixture({
    args: [join(packageDir, 'dist', 'main.js')],
    cwd: packageDir,
    env: apiEnvironment(options),
    timeoutMillis: options.lifetimeMillis,
  });

  try {
    return await waitUntilListening(child);
  } catch (error) {
    await child.stop('SIGTERM', { graceMillis: STOP_GRACE_MILLIS });
    throw new DemoFailure('the API did not start', errorMessage(error));
  }
}

/**
 * Builds the child's whole environment apart from `PATH` and `HOME`, which
 * `runFixture` adds. Nothing else of the demo's environment reaches the
 * API, and `runFixture` leaves out the unset values.
 */
function apiEnvironment(
  options: ApiProcessOptions,
): Record<string, string | undefined> {
  return {
    PORT: '0',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: options.redisKeyPrefix,
    AUTH_HEALTH_URL: options.authHealthUrl,
    SPOTIFY_HEALTH_URL: options.spotifyHealthUrl,
    // Health checks run twice a second in the background, so that a
    // dependency stopped during a short run shows in the exported gauges.
    SEDA_HEALTH_INTERVAL_MILLIS: '500',
    SEDA_HEALTH_CACHE_MILLIS: '250',
    // The database gauges refresh at once and then every second, so that a
    // short run shows their values; a demo key pseudonymises user ids.
    SEDA_TELEMETRY_BUSINESS_START_DELAY: '0',
    SEDA_TELEMETRY_BUSINESS_REFRESH_INTERVAL: '1000',
    SEDA_TELEMETRY_PSEUDONYM_KEY: DEMO_PSEUDONYM_KEY,
    NO_COLOR: '1',
    OTEL_SERVICE_NAME: 'seda-api',
    OTEL_EXPORTER_OTLP_ENDPOINT: options.receiverUrl,
    OTEL_BSP_SCHEDULE_DELAY: '200',
    OTEL_BLRP_SCHEDULE_DELAY: '200',
    OTEL_METRIC_EXPORT_INTERVAL: '1000',
    OTEL_METRICS_EXPORTER: 'otlp,prometheus',
    OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
    OTEL_EXPORTER_PROMETHEUS_PORT: '0',
  };
}

async function waitUntilListening(child: FixtureHandle): Promise<ApiProcess> {
  const [, url] = await child.waitForOutput(LISTENING_LINE, {
    timeoutMillis: START_TIMEOUT_MILLIS,
  });
  // The app logs the ws URL right after the HTTP one.
  const [, wsUrl] = await child.waitForOutput(WS_LISTENING_LINE);
  const prometheusUrl = await child
    .waitForOutput(PROMETHEUS_LINE, {
      stream: 'stderr',
      timeoutMillis: PROMETHEUS_URL_TIMEOUT_MILLIS,
    })
    .then(([, match]) => match)
    // The signal checks report a missing URL as a missing scrape.
    .catch(() => undefined);

  return {
    pid: child.pid,
    url: url as string,
    wsUrl: wsUrl as string,
    prometheusUrl,
    databaseDescription:
      findLogMessage(child.stdout(), 'PrismaService', 'connected to ') ??
      'the database',
    redisDescription:
      findLogMessage(child.stdout(), 'RedisService') ?? 'unknown',
    exited: child.exited,
    outputTail: () => outputTail(child),
    sdkWarnings: () =>
      child
        .stderr()
        .split('\n')
        .filter((line) => SDK_WARNING_LINE.test(line)),
    stop: () => child.stop('SIGTERM', { graceMillis: STOP_GRACE_MILLIS }),
  };
}

/**
 * Describes why an exit is not a clean one, or returns undefined for a
 * clean one. A clean exit follows `stop()`: Nest closes the app and then
 * raises the signal again, so the process ends by SIGTERM (or SIGINT after
 * Ctrl-C), or it exits with code 0.
 */
export function describeUncleanExit(
  exit: FixtureExit,
  stopped: boolean,
): string | undefined {
  if (exit.timedOut) {
    return 'the API ran past its time limit and was killed';
  }
  if (stopped && exit.signal === 'SIGKILL') {
    return (
      `the API did not exit within ${STOP_GRACE_MILLIS / 1000} s ` +
      'of SIGTERM and was killed'
    );
  }
  if (stopped && isCleanStop(exit)) return undefined;
  return stopped
    ? `the API exited with ${describeExit(exit)} after SIGTERM`
    : `the API exited on its own with ${describeExit(exit)} while the demo ran`;
}

/** Returns `code 1` or `signal SIGTERM`, as the exit was. */
export function describeExit(exit: FixtureExit): string {
  return exit.signal === null ? `code ${exit.code}` : `signal ${exit.signal}`;
}

function isCleanStop(exit: FixtureExit): boolean {
  return (
    exit.code === 0 || exit.signal === 'SIGTERM' || exit.signal === 'SIGINT'
  );
}

function outputTail(child: FixtureHandle): string {
  const text =
    `--- API stdout ---\n${tail(child.stdout())}\n` +
    `--- API stderr ---\n${tail(child.stderr())}`;

  return text.trimEnd();
}

function tail(text: string): string {
  return text.length <= OUTPUT_TAIL_CHARS
    ? text.trimEnd()
    : `…${text.slice(-OUTPUT_TAIL_CHARS).trimEnd()}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Finds the package directory from this file, which runs both as
 * `demo/*.ts` (in tests) and as `dist/demo/*.js`.
 */
function findPackageDir(): string {
  let directory = dirname(fileURLToPath(import.meta.url));

  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);

    if (parent === directory) {
      throw new Error('No package.json above the demo files.');
    }
    directory = parent;
  }
  return directory;
}
