import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { describeError } from './describe-error.js';
import { sanitizeMessage } from './sanitize.js';
import type {
  CheckOutcome,
  CheckResult,
  CheckStatus,
  HealthCheck,
} from './types.js';

/** A check with every setting filled in, as the registry stores it. */
export interface RegisteredCheck {
  readonly check: HealthCheck;
  readonly name: string;
  readonly kind: string;
  readonly critical: boolean;
  readonly deep: boolean;
  readonly timeoutMillis: number;
}

/** Clocks, passed in so that tests can control time. */
export interface Clock {
  /** Monotonic milliseconds, for durations and cache ages. */
  monotonic(): number;
  /** Milliseconds since the Unix epoch, for timestamps. */
  wall(): number;
}

export const SYSTEM_CLOCK: Clock = {
  monotonic: () => performance.now(),
  wall: () => Date.now(),
};

const STATUSES: readonly CheckStatus[] = ['up', 'degraded', 'down'];

/**
 * Runs a check once, bounded by its timeout: after `timeoutMillis` the
 * result is `down` with a timeout message, the check's signal aborts, and a
 * result that comes later is dropped. Never rejects. Tracing is suppressed,
 * so the queries and requests of a check create no spans.
 */
export async function runCheck(
  entry: RegisteredCheck,
  clock: Clock,
): Promise<CheckResult> {
  const controller = new AbortController();
  const started = clock.monotonic();
  let timer: NodeJS.Timeout | undefined;

  const timedOut = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => {
      const message = `timed out after ${entry.timeoutMillis} ms`;
      controller.abort(new Error(message));
      resolve({ status: 'down', message });
    }, entry.timeoutMillis);
    timer.unref();
  });
  const outcome = await Promise.race([
    invoke(entry.check, controller.signal),
    timedOut,
  ]);
  clearTimeout(timer);

  return toResult(entry, outcome, clock.monotonic() - started, clock.wall());
}

async function invoke(
  check: HealthCheck,
  signal: AbortSignal,
): Promise<CheckOutcome> {
  try {
    const outcome = await context.with(suppressTracing(context.active()), () =>
      check.run(signal),
    );
    return validOutcome(outcome);
  } catch (error) {
    return { status: 'down', message: describeError(error) };
  }
}

/** Treats a malformed outcome from a hand-written check as `down`, not as a crash. */
function validOutcome(outcome: CheckOutcome | void): CheckOutcome {
  if (outcome === undefined || outcome === null) return { status: 'up' };
  if (typeof outcome !== 'object') {
    return { status: 'down', message: `the check returned ${String(outcome)}` };
  }
  const status = outcome.status ?? 'up';
  if (!STATUSES.includes(status)) {
    return {
      status: 'down',
      message: `the check returned status ${String(status)}`,
    };
  }
  return { ...outcome, status };
}

function toResult(
  entry: RegisteredCheck,
  outcome: CheckOutcome,
  durationMillis: number,
  finishedAt: number,
): CheckResult {
  const status = outcome.status ?? 'up';
  const message =
    outcome.message === undefined ? undefined : String(outcome.message);
  return {
    name: entry.name,
    kind: entry.kind,
    critical: entry.critical,
    deep: entry.deep,
    status,
    durationMillis,
    finishedAt,
    ...(message === undefined
      ? {}
      : { message, safeMessage: sanitizeMessage(message) }),
    ...(outcome.details === undefined ? {} : { details: outcome.details }),
  };
}
