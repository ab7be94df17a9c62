import type {
  DiagLogger,
  Meter,
  MeterProvider,
  ObservableResult,
} from '@opentelemetry/api';
import {
  overrideGauges,
  type ResolvedBusinessGauges,
} from '../../config/business.js';
import { describeIssue, IssueCollector } from '../../config/issues.js';
import { SDK_VERSION } from '../../version.js';
import { MAX_REGISTERED_GAUGES } from '../bounded-attributes.js';
import {
  BUSINESS_SCOPE,
  GAUGE_NAME_ATTRIBUTE,
  STALE_GAUGE,
} from '../instrument-table.js';
import type { BusinessGaugeOptions } from '../types.js';
import { CachedGaugeQuery } from './cached-query.js';
import { RefreshCycle, scheduleRefreshes } from './refresh-cycle.js';
import type { BusinessGauges, GaugeQuery } from './types.js';

/** The instrument name syntax of the OpenTelemetry metrics API. */
const INSTRUMENT_NAME = /^[A-Za-z][\w.\-/]{0,254}$/;

/**
 * The database gauges of one running SDK: their observable instruments on
 * the business meter, their refresh schedules, and the stale gauge that
 * reports on all of them.
 */
export class GaugeRegistry {
  private readonly meter: Meter;
  private readonly queries = new Set<CachedGaugeQuery>();
  private readonly registrations = new Set<() => void>();

  constructor(
    meterProvider: MeterProvider,
    private readonly settings: ResolvedBusinessGauges,
    private readonly log: DiagLogger,
  ) {
    this.meter = meterProvider.getMeter(BUSINESS_SCOPE, SDK_VERSION);
    this.meter
      .createObservableGauge(STALE_GAUGE.name, {
        unit: STALE_GAUGE.unit,
        description: STALE_GAUGE.description,
      })
      .addCallback((result) => this.observeStale(result));
  }

  register(
    queries: readonly GaugeQuery[],
    options: BusinessGaugeOptions | undefined,
  ): BusinessGauges {
    const timing = this.resolveTiming(options);
    const cached = this.accept(queries).map(
      (query) => new CachedGaugeQuery(query, this.log),
    );
    const removeObservers = cached.map((entry) => this.observe(entry));
    const cycle = new RefreshCycle(cached, timing.queryTimeoutMillis, this.log);
    const cancelTimers = scheduleRefreshes(() => cycle.run(), timing);
    for (const entry of cached) this.queries.add(entry);

    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      cancelTimers();
      for (const entry of cached) {
        entry.stop();
        this.queries.delete(entry);
      }
      for (const remove of removeObservers) remove();
      this.registrations.delete(stop);
    };
    this.registrations.add(stop);

    const names = cached.map((entry) => entry.name);
    this.log.debug(
      `registered gauges [${names.join(', ')}]: first refresh after ` +
        `${timing.startDelayMillis} ms, then every ` +
        `${timing.refreshIntervalMillis} ms`,
    );
    return {
      active: true,
      names,
      refresh: () => (stopped ? Promise.resolve() : cycle.run()),
      stop,
    };
  }

  /** Stops every registration, at the SDK's shutdown. */
  stopAll(): void {
    for (const stop of [...this.registrations]) stop();
  }

  private resolveTiming(
    options: BusinessGaugeOptions | undefined,
  ): ResolvedBusinessGauges {
    const issues = new IssueCollector();
    const timing = overrideGauges(
      this.settings,
      options,
      'registerBusinessGauges options',
      issues,
    );
    for (const issue of issues.issues) this.log.warn(describeIssue(issue));
    return timing;
  }

  /** Returns the queries that are well formed and whose names are free. */
  private accept(queries: readonly GaugeQuery[]): GaugeQuery[] {
    const namesInUse = new Set([...this.queries].map((entry) => entry.name));
    const accepted: GaugeQuery[] = [];
    for (const query of Array.isArray(queries) ? queries : []) {
      const problem = this.problemWith(query, namesInUse);
      if (problem) {
        this.log.warn(`gauge not registered: ${problem}`);
        continue;
      }
      namesInUse.add(query.gauge.name);
      accepted.push(query);
    }
    return accepted;
  }

  private problemWith(
    query: GaugeQuery | undefined,
    namesInUse: ReadonlySet<string>,
  ): string | undefined {
    const name = query?.gauge?.name;
    if (typeof query?.run !== 'function' || typeof name !== 'string') {
      return 'expected a gauge definition and a run function';
    }
    if (!INSTRUMENT_NAME.test(name))
      return `${name} is not a valid instrument name`;
    if (name === STALE_GAUGE.name) return `${name} is reserved for the SDK`;
    if (namesInUse.has(name)) return `${name} is registered already`;
    if (namesInUse.size >= MAX_REGISTERED_GAUGES) {
      return `${name} would exceed ${MAX_REGISTERED_GAUGES} gauges`;
    }
    return undefined;
  }

  private observe(entry: CachedGaugeQuery): () => void {
    const { gauge } = entry;
    const instrument = this.meter.createObservableGauge(gauge.name, {
      unit: gauge.unit,
      description: gauge.description,
    });
    const callback = (result: ObservableResult) => {
      for (const reading of entry.readings) {
        result.observe(reading.value, reading.attributes);
      }
    };
    instrument.addCallback(callback);
    return () => instrument.removeCallback(callback);
  }

  private observeStale(result: ObservableResult): void {
    for (const entry of this.queries) {
      if (entry.stale === undefined) continue;
      result.observe(entry.stale ? 1 : 0, {
        [GAUGE_NAME_ATTRIBUTE]: entry.name,
      });
    }
  }
}
