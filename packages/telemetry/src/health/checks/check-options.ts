import { componentLogger, warnAboutOption } from '../../diag/logger.js';
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

/** A numeric option of a ready-made check and what it accepts. */
export interface NumberOption {
  readonly check: string;
  readonly option: string;
  readonly value: number | undefined;
  readonly fallback: number;
  /** The valid values, as the warning words them: `a number from 0 to 1`. */
  readonly expected: string;
  readonly valid: (value: number) => boolean;
}

/**
 * Returns a check's numeric option, or its default with a warning naming
 * the value when it is out of range, so that a typo degrades one setting
 * instead of failing the start.
 */
export function numberOption(spec: NumberOption): number {
  const { value } = spec;
  if (value === undefined) return spec.fallback;
  if (typeof value === 'number' && spec.valid(value)) return value;
  warnAboutOption(
    componentLogger('health'),
    'health',
    `${spec.check}: ${spec.option}=${String(value)} is invalid: expected ` +
      `${spec.expected}; using ${spec.fallback}`,
  );
  return spec.fallback;
}
