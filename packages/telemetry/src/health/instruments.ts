import {
  type Attributes,
  type BatchObservableCallback,
  type Histogram,
  type Meter,
  type MeterProvider,
  type Observable,
  ValueType,
} from '@opentelemetry/api';
import { SDK_VERSION } from '../version.js';
import { createMemoryGauges } from './memory-gauges.js';
import { CHECK_STATUS_VALUES, HEALTH_STATUS_VALUES } from './status.js';
import type { CheckResult, HealthStatus } from './types.js';

/** Names of the health instruments. */
export const HEALTH_METRICS = {
  /** Gauge, unit `1`: 1 up, 0.5 degraded, 0 down, per check. */
  checkStatus: 'health.check.status',
  /** Histogram, unit `s`: duration of each run, timeouts included. */
  checkDuration: 'health.check.duration',
  /** Gauge, unit `s`: Unix time of the last `up` or `degraded` result. */
  checkLastSuccess: 'health.check.last_success',
  /** Gauge, unit `1`: 1 healthy, 0.5 degraded, 0 unhealthy, no attributes. */
  status: 'health.status',
  /** Up-down counter, unit `By`: resident set size, per `memory` check. */
  memoryUsage: 'process.memory.usage',
  /** Gauge, unit `By`: the limit a `memory` check compares RSS with. */
  memoryLimit: 'health.memory.limit',
} as const;

export const ATTR_HEALTH_CHECK_NAME = 'health.check.name';
export const ATTR_HEALTH_CHECK_KIND = 'health.check.kind';

const METER_NAME = '@seda/telemetry/health';

/** Bucket boundaries in seconds, from 1 ms to 10 s. */
const DURATION_BUCKETS = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** Read access to the registry's results, for the gauge callbacks. */
export interface HealthState {
  latestResults(): readonly CheckResult[];
  /** Milliseconds since the Unix epoch of the check's last success. */
  lastSuccessAt(name: string): number | undefined;
  /** Status of the standard checks' latest results, if there is one. */
  latestStatus(): HealthStatus | undefined;
}

interface BoundInstruments {
  readonly meter: Meter;
  readonly duration: Histogram;
  readonly observables: Observable[];
  readonly callback: BatchObservableCallback;
}

/**
 * The `health.*` instruments, bound to one meter provider at a time. The
 * gauges are observable and read the last results when the provider
 * collects, so a collection never starts a check.
 */
export class HealthInstruments {
  private bound: BoundInstruments | undefined;

  constructor(private readonly state: HealthState) {}

  get isBound(): boolean {
    return this.bound !== undefined;
  }

  bind(provider: MeterProvider): void {
    this.unbind();
    const meter = provider.getMeter(METER_NAME, SDK_VERSION);
    const status = meter.createObservableGauge(HEALTH_METRICS.checkStatus, {
      description: 'Status of a health check: 1 up, 0.5 degraded, 0 down.',
      unit: '1',
    });
    const lastSuccess = meter.createObservableGauge(
      HEALTH_METRICS.checkLastSuccess,
      {
        description:
          'Unix time of the last up or degraded result of a health check.',
        unit: 's',
      },
    );
    const overall = meter.createObservableGauge(HEALTH_METRICS.status, {
      description:
        'Status of the standard health checks: 1 healthy, 0.5 degraded, 0 unhealthy.',
      unit: '1',
    });
    const memory = createMemoryGauges(meter, {
      usage: HEALTH_METRICS.memoryUsage,
      limit: HEALTH_METRICS.memoryLimit,
    });
    const observables = [status, lastSuccess, overall, ...memory.observables];
    const callback: BatchObservableCallback = (result) => {
      for (const check of this.state.latestResults()) {
        const attributes = attributesOf(check);
        result.observe(status, CHECK_STATUS_VALUES[check.status], attributes);
        memory.observe(result, check, attributes);
        const at = this.state.lastSuccessAt(check.name);
        if (at !== undefined)
          result.observe(lastSuccess, at / 1000, attributes);
      }
      const latest = this.state.latestStatus();
      if (latest !== undefined)
        result.observe(overall, HEALTH_STATUS_VALUES[latest]);
    };
    meter.addBatchObservableCallback(callback, observables);

    const duration = meter.createHistogram(HEALTH_METRICS.checkDuration, {
      description: 'Duration of health check runs, timeouts included.',
      unit: 's',
      valueType: ValueType.DOUBLE,
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    });
    this.bound = { meter, duration, observables, callback };
  }

  unbind(): void {
    const bound = this.bound;
    if (!bound) return;
    this.bound = undefined;
    bound.meter.removeBatchObservableCallback(
      bound.callback,
      bound.observables,
    );
  }

  recordDuration(result: CheckResult): void {
    this.bound?.duration.record(
      result.durationMillis / 1000,
      attributesOf(result),
    );
  }
}

function attributesOf(result: CheckResult): Attributes {
  return {
    [ATTR_HEALTH_CHECK_NAME]: result.name,
    [ATTR_HEALTH_CHECK_KIND]: result.kind,
  };
}
