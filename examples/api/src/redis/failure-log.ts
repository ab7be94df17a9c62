import type { Logger } from '@nestjs/common';

/** Minimum time between two warnings of one `FailureLog`. */
const DEFAULT_INTERVAL_MILLIS = 60_000;

/**
 * Logs repeated failures of one kind as warnings: the first at once, then at
 * most one per interval, with the number of failures left out in between.
 */
export class FailureLog {
  private lastLoggedAt = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    private readonly intervalMillis = DEFAULT_INTERVAL_MILLIS,
  ) {}

  warn(message: string): void {
    const now = Date.now();
    if (now - this.lastLoggedAt < this.intervalMillis) {
      this.suppressed += 1;
      return;
    }

    const note =
      this.suppressed > 0
        ? ` (${this.suppressed} more since last warning)`
        : '';
    this.logger.warn(`${message}${note}`);
    this.lastLoggedAt = now;
    this.suppressed = 0;
  }
}
