import { context, type DiagLogger } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { InstrumentDefinition } from '../definitions.js';
import { type BoundReading, boundReadings } from './readings.js';
import { type TimedOutcome, withTimeout } from './timeout.js';
import type { GaugeQuery } from './types.js';

/**
 * One gauge query and its cached result. A refresh that fails or times out
 * keeps the readings of the last good one and marks them stale. Only the
 * first failure of a run of failures is logged, and so is the recovery.
 */
export class CachedGaugeQuery {
  private current: readonly BoundReading[] = [];
  private staleState: boolean | undefined;
  private pending: AbortController | undefined;
  private failing = false;
  private stopped = false;

  constructor(
    private readonly query: GaugeQuery,
    private readonly log: DiagLogger,
  ) {}

  get gauge(): InstrumentDefinition {
    return this.query.gauge;
  }

  get name(): string {
    return this.query.gauge.name;
  }

  /** Readings of the last successful run, empty before one succeeded. */
  get readings(): readonly BoundReading[] {
    return this.current;
  }

  /** Whether the readings are older than the last run; `undefined` before a run ended. */
  get stale(): boolean | undefined {
    return this.staleState;
  }

  /**
   * Runs the query unless its previous run is still pending (a run that
   * timed out stays pending until it settles), so that it never runs
   * concurrently with itself. Never rejects.
   */
  async refresh(timeoutMillis: number): Promise<void> {
    if (this.stopped) return;
    if (this.pending) {
      this.log.debug(
        `gauge ${this.name}: previous query still pending, skipped`,
      );
      return;
    }

    const controller = new AbortController();
    this.pending = controller;
    const run = runQuery(this.query, controller.signal);
    const clear = () => {
      if (this.pending === controller) this.pending = undefined;
    };
    run.then(clear, clear);

    const outcome = await withTimeout(run, timeoutMillis);
    if (outcome.kind === 'timedOut') {
      controller.abort(new Error(`timed out after ${timeoutMillis} ms`));
    }
    if (!this.stopped) this.settle(outcome, timeoutMillis);
  }

  /** Aborts a pending run and ignores what it returns. */
  stop(): void {
    this.stopped = true;
    this.pending?.abort(new Error('the gauges were stopped'));
  }

  private settle(
    outcome: TimedOutcome<BoundReading[]>,
    timeoutMillis: number,
  ): void {
    if (outcome.kind === 'fulfilled') {
      this.current = outcome.value;
      this.staleState = false;
      if (this.failing)
        this.log.info(`gauge ${this.name}: query succeeded again`);
      this.failing = false;
      return;
    }

    this.staleState = true;
    if (this.failing) return;
    this.failing = true;
    const cause =
      outcome.kind === 'timedOut'
        ? `timed out after ${timeoutMillis} ms`
        : `failed: ${describeError(outcome.error)}`;
    this.log.warn(
      `gauge ${this.name}: query ${cause}; reporting the last value as ` +
        'stale until a query succeeds',
    );
  }
}

/**
 * Runs the query with tracing suppressed, so that the SDK's own background
 * queries add no traces to the application's.
 */
function runQuery(
  query: GaugeQuery,
  signal: AbortSignal,
): Promise<BoundReading[]> {
  return context.with(suppressTracing(context.active()), async () =>
    boundReadings(query.gauge, await query.run(signal)),
  );
}

function describeError(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}
