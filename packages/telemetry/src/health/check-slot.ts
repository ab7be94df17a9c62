import { componentLogger } from '../diag/logger.js';
import { type Clock, type RegisteredCheck, runCheck } from './run-check.js';
import type { CheckResult } from './types.js';

/**
 * One registered check with its last result and its run in progress.
 * Callers in the cache window get the last result; callers while a run is
 * in progress join that run, so concurrent probes start one run between
 * them.
 */
export class CheckSlot {
  private last: { result: CheckResult; endedAt: number } | undefined;
  private running: Promise<CheckResult> | undefined;

  constructor(
    readonly entry: RegisteredCheck,
    private readonly cacheMillis: number,
    private readonly clock: Clock,
    private readonly onResult: (
      result: CheckResult,
      previous: CheckResult | undefined,
    ) => void,
  ) {}

  /** The newest result, whatever its age, for the metric callbacks. */
  get latest(): CheckResult | undefined {
    return this.last?.result;
  }

  /**
   * Returns a result at most `cacheMillis` old (its age counted from the
   * end of its run), or the result of the run in progress, or of a new run.
   */
  result(): Promise<CheckResult> {
    const last = this.last;
    if (last && this.clock.monotonic() - last.endedAt < this.cacheMillis) {
      return Promise.resolve(last.result);
    }
    this.running ??= this.run();
    return this.running;
  }

  private async run(): Promise<CheckResult> {
    try {
      const result = await runCheck(this.entry, this.clock);
      const previous = this.last?.result;
      this.last = { result, endedAt: this.clock.monotonic() };
      this.notify(result, previous);
      return result;
    } finally {
      this.running = undefined;
    }
  }

  private notify(result: CheckResult, previous: CheckResult | undefined): void {
    try {
      this.onResult(result, previous);
    } catch (error) {
      // A fault in the metrics or log lines must not fail the probe.
      componentLogger('health').error(
        'recording a check result failed:',
        error,
      );
    }
  }
}
