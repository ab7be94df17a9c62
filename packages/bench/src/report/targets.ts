import type { BenchReport } from './bench-report.js';
import type { VariantFigures } from './figures.js';

/** One target of `@seda/telemetry`, checked against the figures of a run. */
export interface TargetCheck {
  readonly target: string;
  /** The bound, in the unit of `measured`. */
  readonly bound: number;
  readonly measured: number;
  readonly unit: string;
  readonly met: boolean;
  /**
   * The same figure of the standard packages tracing HTTP alone
   * (`otel-http-floor`), when the run includes that variant: a lower bound
   * for any set-up built on them.
   */
  readonly floor?: number;
}

type Pick = (f: VariantFigures) => { median: number } | undefined;

/** Growth of RSS after warm-up that still counts as flat. */
const FLAT_MEMORY_GROWTH = 0.1;
const DROP_FREE_RATE = 20_000;

/**
 * Checks the targets on medians: each delta of `@seda/telemetry` against
 * the same delta of the reference bundle (`otel-auto`) in the same run.
 * The CPU target is also checked against the bundle with Prisma's
 * instrumentation added (`otel-auto-prisma`), which traces the route's
 * Prisma operations and queries as `@seda/telemetry` does.
 */
export function checkTargets(
  report: BenchReport,
  figures: readonly VariantFigures[],
): TargetCheck[] {
  const seda = figures.find((f) => f.variant === 'seda');
  const auto = figures.find((f) => f.variant === 'otel-auto');
  const autoPrisma = figures.find((f) => f.variant === 'otel-auto-prisma');
  const floor = figures.find((f) => f.variant === 'otel-http-floor');
  if (!seda || !auto) return [];

  const median =
    (pick: Pick) =>
    (f: VariantFigures) =>
      pick(f)?.median ?? Number.NaN;
  const withFloor = (check: TargetCheck, pick: Pick): TargetCheck =>
    floor ? { ...check, floor: median(pick)(floor) } : check;
  const share = (
    target: string,
    pick: Pick,
    fraction: number,
    unit: string,
    reference: VariantFigures = auto,
  ): TargetCheck => {
    const bound = median(pick)(reference) * fraction;
    const measured = median(pick)(seda);
    return withFloor({ target, bound, measured, unit, met: measured <= bound }, pick);
  };
  const throughput: Pick = (f) => f.requestsPerSecondRatio;
  const p99: Pick = (f) => f.p99Ratio;

  return [
    share(
      "extra CPU per request, at most 1/2 of the bundle's",
      (f) => f.extraCpuMicrosPerRequest,
      1 / 2,
      'µs',
    ),
    ...(autoPrisma
      ? [
          share(
            "extra CPU per request, at most 1/2 of the bundle's with Prisma",
            (f) => f.extraCpuMicrosPerRequest,
            1 / 2,
            'µs',
            autoPrisma,
          ),
        ]
      : []),
    withFloor(
      atLeast(
        'throughput against no telemetry, at least 0.85',
        median(throughput)(seda),
        0.85,
      ),
      throughput,
    ),
    withFloor(
      atMost('p99 latency against no telemetry, at most 1.3', median(p99)(seda), 1.3, '×'),
      p99,
    ),
    share(
      "ES module start-up delta, at most 1/4 of the bundle's",
      (f) => f.esmStartupDeltaMillis,
      1 / 4,
      'ms',
    ),
    share(
      "CommonJS start-up delta, at most 1/3 of the bundle's",
      (f) => f.cjsStartupDeltaMillis,
      1 / 3,
      'ms',
    ),
    share(
      "RSS delta at start, at most 1/2 of the bundle's",
      (f) => f.esmRssStartDeltaMiB,
      1 / 2,
      'MiB',
    ),
    share(
      "RSS delta after load, at most 1/4 of the bundle's",
      (f) => f.rssAfterLoadDeltaMiB,
      1 / 4,
      'MiB',
    ),
    ...dropTarget(report),
    ...flatMemoryTarget(report),
  ];
}

function atLeast(target: string, measured: number, bound: number): TargetCheck {
  return { target, bound, measured, unit: '×', met: measured >= bound };
}

function atMost(
  target: string,
  measured: number,
  bound: number,
  unit: string,
): TargetCheck {
  return { target, bound, measured, unit, met: measured <= bound };
}

function dropTarget(report: BenchReport): TargetCheck[] {
  const step = report.spanThroughput.find(
    (s) => s.targetRate === DROP_FREE_RATE,
  );
  if (!step) return [];
  const dropped = Math.max(step.lost, step.reportedDrops);
  return [atMost('spans lost at 20,000 spans/s, none', dropped, 0, 'spans')];
}

function flatMemoryTarget(report: BenchReport): TargetCheck[] {
  const soak = report.soaks.find((s) => s.mode === 'unreachable');
  if (!soak) return [];
  return [
    atMost(
      'retained memory growth after warm-up, collector unreachable, under 10%',
      soak.retainedGrowth * 100,
      FLAT_MEMORY_GROWTH * 100,
      '%',
    ),
  ];
}
