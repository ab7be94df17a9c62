import type { ReceivedTelemetry, WaitForOptions } from '../types.js';
import { describeReceived } from './describe-received.js';

export const DEFAULT_WAIT_TIMEOUT_MILLIS = 3000;

type Satisfied<T> = Exclude<T, undefined | null | false>;

interface Waiter {
  /** Runs the check and returns true once the waiter has settled. */
  check(): boolean;
  fail(reason: Error): void;
}

function isSatisfied<T>(value: T): value is Satisfied<T> {
  return value !== undefined && value !== null && value !== false;
}

/** One `waitFor` call: its check, its timer and the last error it threw. */
class PendingWait<T> implements Waiter {
  lastError: unknown;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: () => T,
    private readonly resolve: (value: Satisfied<T>) => void,
    private readonly reject: (reason: Error) => void,
    private readonly onSettle: (waiter: Waiter) => void,
  ) {}

  startTimer(timeoutMillis: number, timeoutError: () => Error): void {
    this.timer = setTimeout(() => this.fail(timeoutError()), timeoutMillis);
  }

  check(): boolean {
    try {
      const result = this.run();

      if (!isSatisfied(result)) return false;
      this.settle();
      this.resolve(result);
      return true;
    } catch (error) {
      this.lastError = error;
      return false;
    }
  }

  fail(reason: Error): void {
    this.settle();
    this.reject(reason);
  }

  private settle(): void {
    clearTimeout(this.timer);
    this.onSettle(this);
  }
}

/**
 * Pending `waitFor` calls. Each one is re-checked when `notify()` runs, which
 * the receiver does after every request, so there is no polling.
 */
export class WaiterSet {
  private readonly waiters = new Set<Waiter>();
  private closedReason: string | undefined;

  constructor(private readonly snapshot: () => ReceivedTelemetry) {}

  waitFor<T>(
    check: (received: ReceivedTelemetry) => T,
    options: WaitForOptions = {},
  ): Promise<Satisfied<T>> {
    const timeoutMillis = options.timeoutMillis ?? DEFAULT_WAIT_TIMEOUT_MILLIS;

    return new Promise<Satisfied<T>>((resolve, reject) => {
      const waiter: PendingWait<T> = new PendingWait(
        () => check(this.snapshot()),
        resolve,
        reject,
        (settled) => this.waiters.delete(settled),
      );

      if (waiter.check()) return;
      if (this.closedReason !== undefined) {
        reject(new Error(this.closedReason));
        return;
      }
      this.waiters.add(waiter);
      waiter.startTimer(timeoutMillis, () =>
        this.timeoutError(options, timeoutMillis, waiter.lastError),
      );
    });
  }

  notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  /** Rejects pending waits, and later ones that are not already satisfied. */
  close(reason: string): void {
    this.closedReason = reason;
    for (const waiter of [...this.waiters]) waiter.fail(new Error(reason));
  }

  private timeoutError(
    options: WaitForOptions,
    timeoutMillis: number,
    lastError: unknown,
  ): Error {
    const lines = [
      `${options.message ?? 'Expected telemetry did not arrive'}: ` +
        `timed out after ${timeoutMillis} ms.`,
    ];

    if (lastError !== undefined) {
      const message =
        lastError instanceof Error ? lastError.message : String(lastError);

      lines.push(`Last check failed with: ${message}`);
    }
    lines.push(describeReceived(this.snapshot()));
    return new Error(lines.join('\n'));
  }
}
