import { componentLogger } from '../../diag/logger.js';
import { currentBusinessRuntime } from '../runtime.js';
import type { BusinessGaugeOptions } from '../types.js';
import type { BusinessGauges, GaugeQuery } from './types.js';

const INACTIVE: BusinessGauges = Object.freeze({
  active: false,
  names: [],
  refresh: () => Promise.resolve(),
  stop: () => {},
});

/**
 * Registers database gauges: one observable gauge per query, whose value is
 * the cached result of the query's last successful run. The queries run
 * `startDelayMillis` after registration and then every
 * `refreshIntervalMillis`, never during a metric collection; `options`
 * override the SDK's `business.gauges` settings for these queries only.
 *
 * A query that fails or takes longer than `queryTimeoutMillis` keeps its
 * last value and is reported as 1 in `seda.business.gauge.stale`. A gauge
 * name that is registered already is skipped with a warning. Without a
 * running SDK that exports metrics nothing is registered, nothing runs, and
 * the returned handle is inactive. It never throws.
 */
export function registerBusinessGauges(
  queries: readonly GaugeQuery[],
  options?: BusinessGaugeOptions,
): BusinessGauges {
  const log = componentLogger('business');
  const registry = currentBusinessRuntime()?.gauges;
  if (!registry) {
    log.debug('no running SDK exports metrics, so no gauge was registered');
    return INACTIVE;
  }

  try {
    return registry.register(queries, options);
  } catch (error) {
    log.error('registering the gauges failed; none was registered:', error);
    return INACTIVE;
  }
}
