import type { DiagLogger } from '@opentelemetry/api';
import type { CachedGaugeQuery } from './cached-query.js';

/**
 * One refresh of a registration's queries, run one after the other so that
 * a refresh uses at most one database connection of the application's
 * pool, plus one for each query still pending after its time-out.
 */
export class RefreshCycle {
  private running: Promise<void> | undefined;

  constructor(
    private readonly queries: readonly CachedGaugeQuery[],
    private readonly timeoutMillis: number,
    private readonly log: DiagLogger,
  ) {}

  /**
   * Starts a refresh, or returns the running one: a refresh that overlaps
   * the previous one is skipped, not queued.
   */
  run(): Promise<void> {
    if (this.running) {
      this.log.debug('gauge refresh: previous refresh still running, skipped');
      return this.running;
    }

    const refresh = this.refreshAll().finally(() => {
      this.running = undefined;
    });
    this.running = refresh;
    return refresh;
  }

  private async refreshAll(): Promise<void> {
    for (const query of this.queries) {
      await query.refresh(this.timeoutMillis);
    }
  }
}

/**
 * Runs `refresh` after `startDelayMillis`, then every
 * `refreshIntervalMillis`, on timers that do not keep the process alive.
 * Returns the function that cancels the timers.
 */
export function scheduleRefreshes(
  refresh: () => Promise<void>,
  timing: {
    readonly startDelayMillis: number;
    readonly refreshIntervalMillis: number;
  },
): () => void {
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    void refresh();
    interval = setInterval(() => void refresh(), timing.refreshIntervalMillis);
    interval.unref();
  }, timing.startDelayMillis);
  first.unref();

  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
}
