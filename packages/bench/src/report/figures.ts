import type { LoadMeasurement, StartMeasurement } from '../run/measurements.js';
import type { VariantId } from '../variants.js';
import type { BenchReport } from './bench-report.js';
import { type Summary, summarize } from './statistics.js';

const MIB = 1024 * 1024;

/** The figures of one variant over the rounds, each with its range. */
export interface VariantFigures {
  readonly variant: VariantId;
  readonly requestsPerSecond?: Summary;
  /** Per round, this variant's value over the uninstrumented one's. */
  readonly requestsPerSecondRatio?: Summary;
  readonly p50Millis?: Summary;
  readonly p99Millis?: Summary;
  readonly p99Ratio?: Summary;
  readonly cpuMicrosPerRequest?: Summary;
  /** Per round, this variant's CPU time per request minus the uninstrumented one's. */
  readonly extraCpuMicrosPerRequest?: Summary;
  /** The main thread's part of `extraCpuMicrosPerRequest`. */
  readonly extraMainThreadCpuMicrosPerRequest?: Summary;
  /** The other threads' part, mostly V8's garbage collection helpers. */
  readonly extraOtherThreadsCpuMicrosPerRequest?: Summary;
  readonly exportedSpansPerRequest?: Summary;
  readonly esmStartupMillis?: Summary;
  readonly esmStartupDeltaMillis?: Summary;
  readonly esmStartCpuDeltaMillis?: Summary;
  readonly cjsStartupMillis?: Summary;
  readonly cjsStartupDeltaMillis?: Summary;
  readonly cjsStartCpuDeltaMillis?: Summary;
  readonly esmRssStartMiB?: Summary;
  readonly esmRssStartDeltaMiB?: Summary;
  readonly cjsRssStartMiB?: Summary;
  readonly cjsRssStartDeltaMiB?: Summary;
  readonly rssAfterLoadMiB?: Summary;
  readonly rssAfterLoadDeltaMiB?: Summary;
  readonly wsMessagesPerSecond?: Summary;
  readonly wsMessagesPerSecondRatio?: Summary;
  readonly wsP99Millis?: Summary;
  readonly wsP99Ratio?: Summary;
}

/** Derives every variant's figures, pairing each round with the baseline's. */
export function computeFigures(report: BenchReport): VariantFigures[] {
  return report.settings.variants.map((id) => ({
    variant: id,
    ...loadFigures(report.load, id),
    ...startFigures(report.cjsStarts, id),
  }));
}

function loadFigures(all: readonly LoadMeasurement[], id: VariantId) {
  const pick = (value: (m: LoadMeasurement) => number) =>
    paired(all, id, value);
  const rps = pick((m) => m.http.requestsPerSecond);
  const p99 = pick((m) => m.http.p99Millis);
  const cpu = pick((m) => m.cpuMicrosPerRequest);
  const mainThreadCpu = pick((m) => m.mainThreadCpuMicrosPerRequest ?? Number.NaN);
  const otherThreadsCpu = pick(
    (m) => m.cpuMicrosPerRequest - (m.mainThreadCpuMicrosPerRequest ?? Number.NaN),
  );
  const start = pick((m) => m.startupMillis);
  const startCpu = pick((m) => m.startCpuMillis);
  const rssStart = pick((m) => m.rssStartBytes / MIB);
  const rssLoad = pick((m) => m.rssAfterLoadBytes / MIB);
  const wsRate = pick((m) => m.ws.messagesPerSecond);
  const wsP99 = pick((m) => m.ws.p99Millis);
  return {
    requestsPerSecond: summarize(rps.values),
    requestsPerSecondRatio: summarize(rps.ratios),
    p50Millis: summarize(pick((m) => m.http.p50Millis).values),
    p99Millis: summarize(p99.values),
    p99Ratio: summarize(p99.ratios),
    cpuMicrosPerRequest: summarize(cpu.values),
    extraCpuMicrosPerRequest: summarize(cpu.deltas),
    extraMainThreadCpuMicrosPerRequest: summarize(mainThreadCpu.deltas),
    extraOtherThreadsCpuMicrosPerRequest: summarize(otherThreadsCpu.deltas),
    exportedSpansPerRequest: summarize(
      pick((m) => m.exportedSpansPerRequest).values,
    ),
    esmStartupMillis: summarize(start.values),
    esmStartupDeltaMillis: summarize(start.deltas),
    esmStartCpuDeltaMillis: summarize(startCpu.deltas),
    esmRssStartMiB: summarize(rssStart.values),
    esmRssStartDeltaMiB: summarize(rssStart.deltas),
    rssAfterLoadMiB: summarize(rssLoad.values),
    rssAfterLoadDeltaMiB: summarize(rssLoad.deltas),
    wsMessagesPerSecond: summarize(wsRate.values),
    wsMessagesPerSecondRatio: summarize(wsRate.ratios),
    wsP99Millis: summarize(wsP99.values),
    wsP99Ratio: summarize(wsP99.ratios),
  };
}

function startFigures(all: readonly StartMeasurement[], id: VariantId) {
  const start = paired(all, id, (m) => m.startupMillis);
  const cpu = paired(all, id, (m) => m.startCpuMillis);
  const rss = paired(all, id, (m) => m.rssStartBytes / MIB);
  return {
    cjsStartupMillis: summarize(start.values),
    cjsStartupDeltaMillis: summarize(start.deltas),
    cjsStartCpuDeltaMillis: summarize(cpu.deltas),
    cjsRssStartMiB: summarize(rss.values),
    cjsRssStartDeltaMiB: summarize(rss.deltas),
  };
}

/**
 * Collects the variant's value in each round, with its difference and ratio
 * to the uninstrumented run of the same round. Only side-by-side values are
 * compared, because absolute numbers drift on a shared machine.
 */
function paired<M extends { variant: VariantId; round: number }>(
  all: readonly M[],
  id: VariantId,
  value: (measurement: M) => number,
) {
  const values: number[] = [];
  const deltas: number[] = [];
  const ratios: number[] = [];
  for (const measurement of all.filter((m) => m.variant === id)) {
    const baseline = all.find(
      (m) => m.variant === 'none' && m.round === measurement.round,
    );
    values.push(value(measurement));
    if (!baseline) continue;
    deltas.push(value(measurement) - value(baseline));
    ratios.push(value(measurement) / value(baseline));
  }
  return { values, deltas, ratios };
}
