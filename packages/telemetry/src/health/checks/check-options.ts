import type { CheckOptions, HealthCheck } from '../types.js';

/** The settings of a ready-made check when its options leave them unset. */
export interface CheckDefaults {
  readonly name: string;
  readonly kind: string;
  readonly critical?: boolean;
  readonly deep?: boolean;
}

/** Builds a check from its options, its defaults and its run function. */
export function defineCheck(
  options: CheckOptions,
  defaults: CheckDefaults,
  run: HealthCheck['run'],
  close?: () => void,
): HealthCheck {
  return {
    name: options.name ?? defaults.name,
    kind: defaults.kind,
    critical: options.critical ?? defaults.critical ?? false,
    deep: options.deep ?? defaults.deep ?? false,
    ...(options.timeoutMillis === undefined
      ? {}
      : { timeoutMillis: options.timeoutMillis }),
    run,
    ...(close === undefined ? {} : { close }),
  };
}

/** Options of the checks that measure a round trip. */
export interface LatencyOptions {
  /**
   * A round trip slower than this makes the check `degraded`. Default: none,
   * so only a failure or the timeout changes the status.
   */
  degradedAfterMillis?: number;
}

/** Returns `degraded` with a reason when the latency passes the threshold. */
export function latencyStatus(
  latencyMillis: number,
  options: LatencyOptions,
): { status: 'up' | 'degraded'; message?: string } {
  const limit = options.degradedAfterMillis;
  if (limit === undefined || latencyMillis <= limit) return { status: 'up' };
  return {
    status: 'degraded',
    message: `took ${latencyMillis.toFixed(1)} ms, above ${limit} ms`,
  };
}

/** Milliseconds since `start`, a `performance.now()` value, to 0.01 ms. */
export function millisSince(start: number): number {
  return Math.round((performance.now() - start) * 100) / 100;
}

/** Drops the unset fields, so that spreading options keeps the defaults. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined),
  ) as Partial<T>;
}
