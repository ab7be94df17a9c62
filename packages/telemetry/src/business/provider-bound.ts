import { type Logger, logs, type Meter, metrics } from '@opentelemetry/api';
import { SDK_VERSION } from '../version.js';
import { BUSINESS_SCOPE } from './instrument-table.js';

/**
 * Builds instruments from the global meter provider and builds them again
 * when that provider changes. The metrics API has no proxy provider, so
 * instruments created before `startTelemetry` would stay no-ops for good.
 * Checking the provider on each use costs one global lookup.
 */
export class MeterBound<T> {
  private provider: unknown;
  private value: T | undefined;

  constructor(private readonly build: (meter: Meter) => T) {}

  get(): T {
    const provider = metrics.getMeterProvider();
    if (this.value === undefined || provider !== this.provider) {
      this.provider = provider;
      this.value = this.build(provider.getMeter(BUSINESS_SCOPE, SDK_VERSION));
    }
    return this.value;
  }
}

/** The business logger of the current global logger provider. */
export class LoggerBound {
  private provider: unknown;
  private logger: Logger | undefined;

  get(): Logger {
    const provider = logs.getLoggerProvider();
    if (this.logger === undefined || provider !== this.provider) {
      this.provider = provider;
      this.logger = provider.getLogger(BUSINESS_SCOPE, SDK_VERSION);
    }
    return this.logger;
  }
}
