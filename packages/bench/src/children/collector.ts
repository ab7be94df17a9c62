// The local collector: the OTLP/HTTP receiver of @seda/test-utils in a
// process of its own, so that decoding exports takes no CPU from the load
// generator. It keeps running totals and discards what it decoded, so that
// its memory stays flat through a long run. In `discard` mode it counts the
// items of each request without decoding them.
import type {
  OtlpReceiver,
  OtlpSignal,
  ReceivedMetricPoint,
  ReceivedRequest,
  ReceiverMode,
} from '@seda/test-utils';
import { startOtlpReceiver } from '@seda/test-utils';

/** Telemetry the collector received since its totals were last reset. */
export interface CollectorTotals {
  spans: number;
  metricPoints: number;
  logRecords: number;
  /** Export requests, with or without a response. */
  requests: number;
  /**
   * Spans the SDK reported as not processed (`error.type` set on
   * `otel.sdk.processor.span.processed`), from the last point of each series.
   */
  reportedSpanDrops: number;
  /** CPU time (user + system) of the collector process since the reset. */
  cpuMicros: number;
}

type CollectorCommand =
  { type: 'totals'; reset?: boolean } | { type: 'mode'; mode: ReceiverMode };

/** Interval of freeing the decoded telemetry, also when no totals are requested. */
const DRAIN_INTERVAL_MILLIS = 1_000;
const DROP_METRIC = 'otel.sdk.processor.span.processed';

const receiver = await startOtlpReceiver();
let totals = emptyTotals();
let cpuAtReset = process.cpuUsage();
const dropSeries = new Map<string, number>();

setInterval(() => drain(receiver), DRAIN_INTERVAL_MILLIS).unref();
// No collector outlives the run that started it.
process.once('disconnect', () => process.exit(0));
process.on('message', (command: CollectorCommand) => {
  if (command.type === 'mode') {
    receiver.setMode(command.mode);
    process.send?.({ type: 'mode', mode: command.mode });
    return;
  }
  drain(receiver);
  const cpu = process.cpuUsage(cpuAtReset);
  totals.cpuMicros = cpu.user + cpu.system;
  process.send?.({ type: 'totals', totals });
  if (command.reset) reset();
});
process.send?.({ type: 'listening', url: receiver.url });

function drain(source: OtlpReceiver): void {
  const requests = source.requests();
  const metrics = source.metrics();
  source.reset();
  // Item counts come from the requests, which the `discard` mode counts
  // without decoding.
  totals.spans += itemsOf(requests, 'traces');
  totals.metricPoints += itemsOf(requests, 'metrics');
  totals.logRecords += itemsOf(requests, 'logs');
  totals.requests += requests.length;
  recordDrops(metrics);
}

function itemsOf(
  requests: readonly ReceivedRequest[],
  signal: OtlpSignal,
): number {
  let items = 0;
  for (const request of requests) {
    if (request.signal === signal) items += request.itemCount;
  }
  return items;
}

function recordDrops(points: readonly ReceivedMetricPoint[]): void {
  for (const point of points) {
    if (
      point.name !== DROP_METRIC ||
      point.attributes['error.type'] === undefined
    ) {
      continue;
    }
    dropSeries.set(JSON.stringify(point.attributes), point.value ?? 0);
  }
  totals.reportedSpanDrops = [...dropSeries.values()].reduce(
    (a, b) => a + b,
    0,
  );
}

function reset(): void {
  totals = emptyTotals();
  cpuAtReset = process.cpuUsage();
  dropSeries.clear();
}

function emptyTotals(): CollectorTotals {
  return {
    spans: 0,
    metricPoints: 0,
    logRecords: 0,
    requests: 0,
    reportedSpanDrops: 0,
    cpuMicros: 0,
  };
}
