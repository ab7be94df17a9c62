import { VARIANTS, type VariantId } from './variants.js';

/** How long and how hard each part of a run measures. */
export interface BenchSettings {
  readonly name: 'full' | 'smoke';
  /** The variants compared, in the order of every round; `none` comes first. */
  readonly variants: readonly VariantId[];
  /**
   * Variables added to the environment of every app child, such as
   * `OTEL_NODE_ENABLED_INSTRUMENTATIONS=http`, to see what a setting costs.
   */
  readonly childEnv: Readonly<Record<string, string>>;
  /** Rounds of the interleaved variants; each round runs every variant once. */
  readonly rounds: number;
  /** HTTP load discarded before measuring, so that the JIT has warmed up. */
  readonly warmUpSeconds: number;
  /** Measured HTTP load per variant and round. */
  readonly httpSeconds: number;
  /**
   * Wait after the HTTP load for the batch processors' 5 s delay to export
   * what is still queued, so that the exported spans are counted in full.
   */
  readonly exportSettleMillis: number;
  /** Concurrent HTTP connections of the load generator. */
  readonly connections: number;
  /** Measured socket.io round trips per variant and round. */
  readonly wsSeconds: number;
  /** Concurrent socket.io clients, each in a closed loop in its own room. */
  readonly wsClients: number;
  /** Target rates of the span throughput steps, in spans per second. */
  readonly spanRates: readonly number[];
  /** Length of each span throughput step. */
  readonly spanSeconds: number;
  /** Length of each export-path soak. */
  readonly soakSeconds: number;
  /** Constant request rate during a soak, in requests per second. */
  readonly soakRequestRate: number;
  /** Interval between two memory samples during a soak. */
  readonly soakSampleMillis: number;
  /** Time a child gets to start and print its URL before it is killed. */
  readonly startTimeoutMillis: number;
  /** Upper bound of the whole run; past it the run stops with an error. */
  readonly deadlineMillis: number;
}

/** Every variant but those that split the cost of `@seda/telemetry`. */
const COMPARED_VARIANTS = VARIANTS.filter((variant) => !variant.breakdown).map(
  (variant) => variant.id,
);

/** The run that `docs/benchmarks.md` reports, 30 to 36 minutes on 2 shared cores. */
export const FULL_SETTINGS: BenchSettings = {
  name: 'full',
  variants: COMPARED_VARIANTS,
  childEnv: {},
  rounds: 8,
  warmUpSeconds: 3,
  httpSeconds: 10,
  exportSettleMillis: 5_500,
  connections: 50,
  wsSeconds: 5,
  wsClients: 20,
  spanRates: [5_000, 10_000, 20_000, 40_000],
  spanSeconds: 10,
  soakSeconds: 120,
  soakRequestRate: 200,
  soakSampleMillis: 2_000,
  startTimeoutMillis: 30_000,
  deadlineMillis: 60 * 60_000,
};

/**
 * A run of about four minutes that produces every figure, for the tests:
 * it proves that the harness works, and its numbers mean nothing.
 */
export const SMOKE_SETTINGS: BenchSettings = {
  name: 'smoke',
  variants: COMPARED_VARIANTS,
  childEnv: {},
  rounds: 1,
  warmUpSeconds: 1,
  httpSeconds: 1,
  exportSettleMillis: 5_500,
  connections: 10,
  wsSeconds: 1,
  wsClients: 4,
  spanRates: [2_000, 20_000],
  spanSeconds: 1,
  soakSeconds: 3,
  soakRequestRate: 50,
  soakSampleMillis: 500,
  startTimeoutMillis: 30_000,
  deadlineMillis: 10 * 60_000,
};
