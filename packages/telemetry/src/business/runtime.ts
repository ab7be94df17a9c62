import type { MeterProvider } from '@opentelemetry/api';
import type { ResolvedBusiness } from '../config/business.js';
import { componentLogger } from '../diag/logger.js';
import { GaugeRegistry } from './gauges/registry.js';
import { pseudonymizeUserId } from './events/pseudonym.js';
import type { UserId } from './types.js';

/**
 * Global key of the running business runtime. A symbol of the global
 * registry, so that the ES module and CommonJS builds of this package,
 * when both are loaded, share one runtime.
 */
const RUNTIME = Symbol.for('@seda/telemetry.business');

/** The parts of the running SDK that the business API uses. */
export interface BusinessRuntime {
  readonly config: ResolvedBusiness;
  /** `undefined` when the SDK exports no metrics. */
  readonly gauges: GaugeRegistry | undefined;
  /**
   * Returns the keyed hash of a user id, or `undefined` without a key, in
   * which case the first call warns.
   */
  userHash(userId: UserId): string | undefined;
}

interface RuntimeHolder {
  [RUNTIME]?: BusinessRuntime;
}

/**
 * Makes the SDK's settings and meter provider available to
 * `@seda/telemetry/business` and returns the clean-up that the SDK's
 * shutdown runs: it stops every gauge schedule.
 */
export function startBusinessRuntime(
  config: ResolvedBusiness,
  meterProvider: MeterProvider | undefined,
): () => void {
  const log = componentLogger('business');
  const gauges = meterProvider
    ? new GaugeRegistry(meterProvider, config.gauges, log)
    : undefined;
  let warnedAboutKey = false;
  const runtime: BusinessRuntime = {
    config,
    gauges,
    userHash(userId) {
      if (config.pseudonymKey !== undefined) {
        return pseudonymizeUserId(userId, config.pseudonymKey);
      }
      if (!warnedAboutKey) {
        warnedAboutKey = true;
        log.warn(
          'no pseudonym key is set (SEDA_TELEMETRY_PSEUDONYM_KEY), so ' +
            'product events are sent without user ids',
        );
      }
      return undefined;
    },
  };

  const holder = globalThis as RuntimeHolder;
  holder[RUNTIME] = runtime;
  return () => {
    gauges?.stopAll();
    if (holder[RUNTIME] === runtime) delete holder[RUNTIME];
  };
}

/** Returns the runtime of the running SDK, or `undefined` when none runs. */
export function currentBusinessRuntime(): BusinessRuntime | undefined {
  return (globalThis as RuntimeHolder)[RUNTIME];
}
