import type { InstrumentDefinition } from '../definitions.js';

/** One value of a gauge, with its attributes. */
export interface GaugeReading {
  readonly value: number;
  /**
   * Bounded by the gauge's declaration: a value outside its set becomes
   * `other`, undeclared keys are dropped, and readings that end up with the
   * same attributes are added up.
   */
  readonly attributes?: Readonly<Record<string, string | boolean | undefined>>;
}

/**
 * A database query that feeds one gauge. The SDK runs it on the refresh
 * schedule, never during a metric collection, and never while its previous
 * run is still pending.
 */
export interface GaugeQuery {
  readonly gauge: InstrumentDefinition;
  /**
   * Runs the query. `signal` aborts when the query times out or the gauges
   * stop; a query of several statements should check it between them.
   */
  run(signal: AbortSignal): Promise<readonly GaugeReading[]>;
}

/** Gauges registered together, with one refresh schedule. */
export interface BusinessGauges {
  /** `false` when nothing was registered because the SDK exports no metrics. */
  readonly active: boolean;
  /** Names of the gauges this registration accepted. */
  readonly names: readonly string[];
  /**
   * Runs every query now and resolves when all have finished or timed out.
   * While a refresh runs, a call returns that refresh instead of starting
   * another. It never rejects.
   */
  refresh(): Promise<void>;
  /** Stops the schedule and the gauges. The SDK's shutdown calls it too. */
  stop(): void;
}
