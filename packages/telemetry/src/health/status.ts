import type { CheckResult, CheckStatus, HealthStatus } from './types.js';

/**
 * Values of the `health.check.status` gauge. `up` is 1 like Prometheus's
 * `up` series, so `health_check_status == 0` selects the checks that are
 * down and `< 1` those that are not fully up.
 */
export const CHECK_STATUS_VALUES: Readonly<Record<CheckStatus, number>> = {
  up: 1,
  degraded: 0.5,
  down: 0,
};

/** Values of the `health.status` gauge, on the same scale. */
export const HEALTH_STATUS_VALUES: Readonly<Record<HealthStatus, number>> = {
  healthy: 1,
  degraded: 0.5,
  unhealthy: 0,
};

/**
 * Combines check results: a critical check down makes `unhealthy`; a
 * non-critical check down, or any check degraded, makes `degraded`. No
 * results at all is `healthy`.
 */
export function overallStatus(results: readonly CheckResult[]): HealthStatus {
  let status: HealthStatus = 'healthy';
  for (const result of results) {
    if (result.status === 'down' && result.critical) return 'unhealthy';
    if (result.status !== 'up') status = 'degraded';
  }
  return status;
}

/** Returns the HTTP status of a report: 503 when unhealthy, else 200. */
export function httpStatusOf(status: HealthStatus): number {
  return status === 'unhealthy' ? 503 : 200;
}
