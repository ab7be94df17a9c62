import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CheckOptions, HealthCheck } from '../types.js';
import { defineCheck, definedOnly, numberOption } from './check-options.js';

export interface EventLoopCheckOptions extends CheckOptions {
  /** The delay percentile compared with the thresholds. Default 99. */
  percentile?: number;
  /** Delay above which the check is `degraded`. Default 200. */
  degradedAboveMillis?: number;
  /** Delay above which the check is `down`. Default 1000. */
  downAboveMillis?: number;
  /** Sampling interval of the delay histogram. Default 20. */
  resolutionMillis?: number;
}

const DEFAULTS = {
  percentile: 99,
  degradedAboveMillis: 200,
  downAboveMillis: 1_000,
  resolutionMillis: 20,
};

const NANOS_PER_MILLI = 1e6;

/**
 * Checks the event loop delay measured by `perf_hooks.monitorEventLoopDelay`
 * since the previous run. Name `event_loop`, kind `event_loop`,
 * non-critical by default. Sampling starts when the check is created and
 * stops when the registry stops or the check is unregistered.
 */
export function eventLoopCheck(
  options: EventLoopCheckOptions = {},
): HealthCheck {
  const settings = {
    ...DEFAULTS,
    ...definedOnly(options),
    resolutionMillis: numberOption({
      check: 'eventLoopCheck',
      option: 'resolutionMillis',
      value: options.resolutionMillis,
      fallback: DEFAULTS.resolutionMillis,
      expected: 'a whole number of at least 1',
      valid: (value) => Number.isInteger(value) && value >= 1,
    }),
  };
  const histogram = monitorEventLoopDelay({
    resolution: settings.resolutionMillis,
  });
  histogram.enable();

  const run = async () => {
    const samples = histogram.count;
    if (samples === 0) return { details: { samples } };

    // The histogram records the time between two of its timer callbacks,
    // so an idle loop shows about the resolution (measured on Node.js 24).
    // Subtracting the resolution leaves the delay itself.
    const delay = (nanos: number) =>
      Math.max(0, round(nanos / NANOS_PER_MILLI - settings.resolutionMillis));
    const details = {
      samples,
      p50Millis: delay(histogram.percentile(50)),
      p99Millis: delay(histogram.percentile(99)),
      maxMillis: delay(histogram.max),
      meanMillis: delay(histogram.mean),
    };
    const measured = delay(histogram.percentile(settings.percentile));
    histogram.reset();
    return { ...statusOf(measured, settings), details };
  };
  return defineCheck(
    options,
    { name: 'event_loop', kind: 'event_loop' },
    run,
    () => histogram.disable(),
  );
}

function statusOf(
  delayMillis: number,
  settings: typeof DEFAULTS,
): { status: 'up' | 'degraded' | 'down'; message?: string } {
  const label = `p${settings.percentile} event loop delay ${delayMillis} ms`;
  if (delayMillis > settings.downAboveMillis) {
    return {
      status: 'down',
      message: `${label}, above ${settings.downAboveMillis} ms`,
    };
  }
  if (delayMillis > settings.degradedAboveMillis) {
    return {
      status: 'degraded',
      message: `${label}, above ${settings.degradedAboveMillis} ms`,
    };
  }
  return { status: 'up' };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
