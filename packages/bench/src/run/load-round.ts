import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildSample } from '../children/stats-channel.cjs';
import { runHttpLoad } from '../load/http-load.js';
import { runWsLoad } from '../load/ws-load.js';
import type { BenchSettings } from '../settings.js';
import type { CollectorChild } from './collector-child.js';
import type { ModuleSystem, Variant } from '../variants.js';
import {
  type AppChild,
  type AppChildOptions,
  ROUTE,
  sampleChild,
  startAppChild,
} from './app-child.js';
import { copyDatabase, removeDatabase } from './database.js';
import type { LoadMeasurement, StartMeasurement } from './measurements.js';

/** The settings, collector and database that every measurement of a run uses. */
export interface RunContext {
  readonly settings: BenchSettings;
  readonly endpoint: string;
  readonly collector: CollectorChild;
  readonly templateDatabase: string;
  readonly workDir: string;
}

/**
 * Measures one variant on the ES module app: start-up, RSS after start, a
 * discarded warm-up, the measured HTTP load with the child's CPU time, RSS
 * after load, the spans exported for the HTTP requests, then the socket.io
 * round trips.
 */
export async function measureLoad(
  context: RunContext,
  variant: Variant,
  round: number,
): Promise<LoadMeasurement> {
  const { settings } = context;
  return withApp(context, variant, 'esm', round, async (app) => {
    const url = `${app.listening.url}${ROUTE}`;
    const atStart = await sampleChild(app.child);
    // The spans of the start and its first request go out with the first
    // export, seconds later, so the count begins after it. It covers the
    // warm-up and the measured load, up to the end of the settle below.
    await sleep(settings.exportSettleMillis);
    await context.collector.totals(true);
    const warmUp = await runHttpLoad(url, {
      connections: settings.connections,
      seconds: settings.warmUpSeconds,
    });

    const beforeLoad = await sampleChild(app.child);
    const http = await runHttpLoad(url, {
      connections: settings.connections,
      seconds: settings.httpSeconds,
    });
    const afterLoad = await sampleChild(app.child);
    await sleep(settings.exportSettleMillis);
    const exported = await context.collector.totals();
    const ws = await runWsLoad(app.listening.url, {
      clients: settings.wsClients,
      seconds: settings.wsSeconds,
    });
    return {
      variant: variant.id,
      round,
      startupMillis: app.startupMillis,
      startCpuMillis: atStart.cpuMicros / 1000,
      rssStartBytes: atStart.rssBytes,
      rssAfterLoadBytes: afterLoad.rssBytes,
      cpuMicrosPerRequest:
        (afterLoad.cpuMicros - beforeLoad.cpuMicros) / http.requests,
      ...mainThreadShare(beforeLoad, afterLoad, http.requests),
      exportedSpansPerRequest: exported.spans / (warmUp.sent + http.sent),
      http,
      ws,
    };
  });
}

function mainThreadShare(
  before: ChildSample,
  after: ChildSample,
  requests: number,
): Pick<LoadMeasurement, 'mainThreadCpuMicrosPerRequest'> {
  if (
    before.mainThreadCpuMicros === undefined ||
    after.mainThreadCpuMicros === undefined
  ) {
    return {};
  }
  return {
    mainThreadCpuMicrosPerRequest:
      (after.mainThreadCpuMicros - before.mainThreadCpuMicros) / requests,
  };
}

/** Measures the start of one variant on the CommonJS entry. */
export async function measureCjsStart(
  context: RunContext,
  variant: Variant,
  round: number,
): Promise<StartMeasurement> {
  return withApp(context, variant, 'cjs', round, async (app) => {
    const atStart = await sampleChild(app.child);
    return {
      variant: variant.id,
      round,
      startupMillis: app.startupMillis,
      startCpuMillis: atStart.cpuMicros / 1000,
      rssStartBytes: atStart.rssBytes,
    };
  });
}

/** Runs `measure` on a started app with a fresh copy of the database. */
export async function withApp<T>(
  context: RunContext,
  variant: Variant,
  system: ModuleSystem,
  round: number | string,
  measure: (app: AppChild) => Promise<T>,
  extra: Pick<
    AppChildOptions,
    'census' | 'extraEnv' | 'endpoint' | 'nodeArgs'
  > = {},
): Promise<T> {
  const path = join(context.workDir, `${variant.id}-${system}-${round}.db`);
  const databaseUrl = await copyDatabase(context.templateDatabase, path);
  try {
    const app = await startWithRetry({
      variant,
      system,
      endpoint: context.endpoint,
      databaseUrl,
      startTimeoutMillis: context.settings.startTimeoutMillis,
      ...extra,
      extraEnv: { ...context.settings.childEnv, ...extra.extraEnv },
    });
    try {
      return await measure(app);
    } finally {
      await app.child.stop();
    }
  } finally {
    await removeDatabase(path);
  }
}

/**
 * Attempts of a start. A child can fail to start when a workspace package
 * is rebuilt while the run goes on, which a second attempt survives.
 */
const START_ATTEMPTS = 3;
const RETRY_DELAY_MILLIS = 5_000;

async function startWithRetry(options: AppChildOptions): Promise<AppChild> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startAppChild(options);
    } catch (error) {
      if (attempt >= START_ATTEMPTS) throw error;
      process.stderr.write(
        `bench: ${options.variant.id} (${options.system}) failed to start, ` +
          `retrying in ${RETRY_DELAY_MILLIS} ms: ${String(error).split('\n')[0]}\n`,
      );
      await sleep(RETRY_DELAY_MILLIS);
    }
  }
}
