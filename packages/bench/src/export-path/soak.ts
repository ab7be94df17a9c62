import { runHttpLoad, type HttpLoadResult } from '../load/http-load.js';
import { type AppChild, ROUTE, sampleChild } from '../run/app-child.js';
import type { CollectorChild } from '../run/collector-child.js';
import { type RunContext, withApp } from '../run/load-round.js';
import { variantById } from '../variants.js';
import { closedPortUrl } from './closed-port.js';
import { sumSamples } from './prometheus-text.js';

/**
 * The state of the collector during a soak. `control` runs the app without
 * telemetry under the same load, so it shows how much of the memory growth
 * is the app's own.
 */
export type SoakMode = 'control' | 'accept' | 'unreachable' | 'refuse' | 'hang';

export const SOAK_MODES: readonly SoakMode[] = [
  'control',
  'accept',
  'unreachable',
  'refuse',
  'hang',
];

/** Memory and latency of `@seda/telemetry` through one soak. */
export interface SoakResult {
  readonly mode: SoakMode;
  readonly seconds: number;
  readonly http: HttpLoadResult;
  /** RSS when the warm-up (the first quarter of the soak) ended. */
  readonly rssAfterWarmUpBytes: number;
  readonly rssEndBytes: number;
  readonly rssMaxBytes: number;
  /**
   * RSS at the half and at three quarters of the soak, which tell a
   * plateau from a steady climb.
   */
  readonly rssHalfBytes: number;
  readonly rssThreeQuartersBytes: number;
  /** RSS growth from the end of the warm-up to the end, as a fraction. */
  readonly rssGrowth: number;
  /**
   * Heap in use plus buffers after a full garbage collection, at the end of
   * the warm-up, the half, three quarters and the end: what the process
   * holds, without the heap V8 keeps reserved.
   */
  readonly retainedBytes: readonly number[];
  /** Retained memory growth from the end of the warm-up to the end. */
  readonly retainedGrowth: number;
  /** The SDK's own counts of spans; absent for the control. */
  readonly counters?: SoakCounters;
}

export interface SoakCounters {
  /** Spans dropped on a full queue. */
  readonly droppedSpans: number;
  /** Spans whose export failed. */
  readonly failedSpans: number;
  /** Spans exported successfully. */
  readonly exportedSpans: number;
}

/** Share of the soak counted as warm-up. */
const WARM_UP_SHARE = 0.25;
/** Points of retained-memory measurement, as shares of the soak's length. */
const CHECKPOINT_SHARES = [WARM_UP_SHARE, 0.5, 0.75];
const SOAK_CONNECTIONS = 10;

/**
 * Runs the example API with `@seda/telemetry` under a constant request rate
 * while the collector accepts, is unreachable (a closed port), refuses every
 * export (503) or accepts and never answers, sampling the child's memory.
 * The SDK is started in code with a Prometheus endpoint beside OTLP, so that
 * its own drop counters can be read while OTLP is down.
 */
export async function runSoak(
  context: RunContext,
  collector: CollectorChild,
  mode: SoakMode,
): Promise<SoakResult> {
  const endpoint =
    mode === 'unreachable' ? await closedPortUrl() : collector.url;
  const collectorMode =
    mode === 'unreachable' || mode === 'control' ? 'accept' : mode;
  await collector.setMode(collectorMode);
  const telemetryEnv = {
    BENCH_START_TELEMETRY: '1',
    OTEL_SERVICE_NAME: 'bench-seda-soak',
    OTEL_METRICS_EXPORTER: 'otlp,prometheus',
    OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
    OTEL_EXPORTER_PROMETHEUS_PORT: '0',
  };
  try {
    return await withApp(
      context,
      variantById('none'),
      'esm',
      `soak-${mode}`,
      (app) => soak(context, app, mode),
      {
        endpoint,
        nodeArgs: ['--expose-gc'],
        extraEnv: mode === 'control' ? {} : telemetryEnv,
      },
    );
  } finally {
    await collector.setMode('accept');
  }
}

async function soak(
  context: RunContext,
  app: AppChild,
  mode: SoakMode,
): Promise<SoakResult> {
  const { settings } = context;
  const samples: { at: number; rss: number }[] = [];
  const startedAt = performance.now();
  const retained: Promise<number>[] = [];
  const sampler = setInterval(() => {
    void sampleChild(app.child).then((sample) =>
      samples.push({ at: performance.now() - startedAt, rss: sample.rssBytes }),
    );
  }, settings.soakSampleMillis);
  const checkpoints = CHECKPOINT_SHARES.map((share) =>
    setTimeout(() => {
      retained.push(sampleRetained(app));
    }, settings.soakSeconds * 1000 * share),
  );

  let http: HttpLoadResult;
  try {
    http = await runHttpLoad(`${app.listening.url}${ROUTE}`, {
      connections: SOAK_CONNECTIONS,
      seconds: settings.soakSeconds,
      overallRate: settings.soakRequestRate,
    });
  } finally {
    clearInterval(sampler);
    for (const checkpoint of checkpoints) clearTimeout(checkpoint);
  }
  const end = await sampleChild(app.child);
  const retainedBytes = await Promise.all([...retained, sampleRetained(app)]);
  const counters =
    mode === 'control' ? undefined : await readCounters(app);
  const sampleAt = (share: number) =>
    samples.find((sample) => sample.at >= settings.soakSeconds * 1000 * share);
  const warm = sampleAt(WARM_UP_SHARE) ?? samples[0];
  const rssAfterWarmUp = warm?.rss ?? end.rssBytes;
  return {
    mode,
    seconds: settings.soakSeconds,
    http,
    rssAfterWarmUpBytes: rssAfterWarmUp,
    rssEndBytes: end.rssBytes,
    rssMaxBytes: Math.max(end.rssBytes, ...samples.map((sample) => sample.rss)),
    rssHalfBytes: sampleAt(0.5)?.rss ?? end.rssBytes,
    rssThreeQuartersBytes: sampleAt(0.75)?.rss ?? end.rssBytes,
    rssGrowth: (end.rssBytes - rssAfterWarmUp) / rssAfterWarmUp,
    retainedBytes,
    retainedGrowth: growth(retainedBytes),
    ...(counters ? { counters } : {}),
  };
}

async function sampleRetained(app: AppChild): Promise<number> {
  const sample = await sampleChild(app.child, { gc: true });
  if (sample.retainedBytes === undefined) {
    throw new Error(
      'soak: the app child reported no retained memory; start it with --expose-gc',
    );
  }
  return sample.retainedBytes;
}

function growth(values: readonly number[]): number {
  const first = values[0] ?? 0;
  const last = values.at(-1) ?? first;
  return first > 0 ? (last - first) / first : 0;
}

async function readCounters(app: AppChild): Promise<SoakCounters> {
  const url = app.listening.prometheusUrl;
  if (!url) throw new Error('the soak child has no Prometheus endpoint');

  const text = await (await fetch(url)).text();
  return {
    droppedSpans: sumSamples(text, 'otel_sdk_processor_span_processed_total', {
      error_type: 'queue_full',
    }),
    failedSpans: sumSamples(text, 'otel_sdk_exporter_span_exported_total', {
      error_type: '*',
    }),
    exportedSpans:
      sumSamples(text, 'otel_sdk_exporter_span_exported_total') -
      sumSamples(text, 'otel_sdk_exporter_span_exported_total', {
        error_type: '*',
      }),
  };
}
