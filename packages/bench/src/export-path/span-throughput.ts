import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { telemetryEnv } from '../environment.js';
import type { CollectorChild } from '../run/collector-child.js';
import { IpcChild } from '../run/ipc-child.js';
import type { BenchSettings } from '../settings.js';
import { SPAN_BURST_SCRIPT, variantById } from '../variants.js';

/** One rate step of the span throughput figure. */
export interface SpanThroughputStep {
  readonly targetRate: number;
  /** Spans created per second, as the generator achieved it. */
  readonly createdRate: number;
  readonly created: number;
  readonly received: number;
  /** Created minus received: spans that never reached the collector. */
  readonly lost: number;
  /** Drops the SDK itself reported in `otel.sdk.processor.span.processed`. */
  readonly reportedDrops: number;
  /** Generator CPU time per span, SDK included, in microseconds. */
  readonly cpuMicrosPerSpan: number;
  /**
   * Share of one core the collector used while it decoded the step's
   * exports: near 1 means the receiver, not the SDK, set the pace.
   */
  readonly collectorCoreShare: number;
}

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The SDK's shutdown timeout is 5 s; this leaves it time to finish. */
const FLUSH_GRACE_MILLIS = 10_000;
const SETTLE_MILLIS = 500;

/**
 * Creates spans at each target rate in a child with `@seda/telemetry` and
 * its default batch processor, and counts what reaches the collector after
 * the child flushed on SIGTERM.
 */
export async function measureSpanThroughput(
  settings: BenchSettings,
  collector: CollectorChild,
): Promise<SpanThroughputStep[]> {
  const steps: SpanThroughputStep[] = [];
  for (const rate of settings.spanRates) {
    steps.push(await measureRate(settings, collector, rate));
  }
  return steps;
}

async function measureRate(
  settings: BenchSettings,
  collector: CollectorChild,
  rate: number,
): Promise<SpanThroughputStep> {
  await collector.totals(true);
  const child = new IpcChild({
    nodeArgs: [...variantById('seda').preload.esm],
    script: SPAN_BURST_SCRIPT,
    env: {
      ...telemetryEnv('seda', collector.url),
      BENCH_SPAN_RATE: String(rate),
      BENCH_SPAN_SECONDS: String(settings.spanSeconds),
    },
    cwd: BENCH_DIR,
  });
  const done = await child.next<{
    created: number;
    elapsedMillis: number;
    cpuMicros: number;
  }>('done', settings.spanSeconds * 1000 + settings.startTimeoutMillis);
  await child.stop('SIGTERM', FLUSH_GRACE_MILLIS);
  await sleep(SETTLE_MILLIS);
  const totals = await collector.totals(true);
  return {
    targetRate: rate,
    createdRate: done.created / (done.elapsedMillis / 1000),
    created: done.created,
    received: totals.spans,
    lost: done.created - totals.spans,
    reportedDrops: totals.reportedSpanDrops,
    cpuMicrosPerSpan: done.cpuMicros / done.created,
    collectorCoreShare: totals.cpuMicros / 1000 / done.elapsedMillis,
  };
}
