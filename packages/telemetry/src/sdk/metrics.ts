import type { DiagLogger } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import {
  type IMetricReader,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import type { ResolvedConfig } from '../config/resolved.js';
import { consoleExporters } from '../exporters/console.js';
import { DeferredExporter } from '../exporters/deferred.js';
import { createOtlpExporter } from '../exporters/otlp.js';
import {
  type PrometheusEndpoint,
  startPrometheusEndpoint,
} from '../exporters/prometheus.js';
import { LateBoundMeterProvider } from './late-bound-meter.js';
import { meterViews } from './views.js';

/** The meter provider and the parts of it the SDK controls directly. */
export interface MetricsPipeline {
  readonly meterProvider: MeterProvider;
  readonly prometheus: PrometheusEndpoint | undefined;
  /**
   * Constructs the OTLP exporter unless an export already did. The exporter
   * creates its own metrics when constructed, and a meter provider that is
   * shutting down creates no meters, so this runs before the shutdown's
   * final collection.
   */
  loadExporters(): void;
}

/**
 * Builds the meter provider with one periodic reader per push exporter and
 * the Prometheus endpoint when requested, or `undefined` when no reader is
 * configured. With self metrics on, the exporters and readers record the
 * `otel.sdk.*` metrics into this same provider.
 */
export function createMetricsPipeline(
  config: ResolvedConfig,
  resource: Resource,
  log: DiagLogger,
): MetricsPipeline | undefined {
  const selfMetrics = config.selfMetrics ? new LateBoundMeterProvider() : undefined;
  let prometheus: PrometheusEndpoint | undefined;
  const readers: IMetricReader[] = [];
  const deferred: DeferredExporter<unknown>[] = [];

  for (const name of config.metrics.exporters) {
    if (name === 'prometheus') {
      prometheus = startPrometheusEndpoint(config.metrics.prometheus, resource, log);
      readers.push(prometheus.reader);
    } else if (name === 'otlp' || name === 'console') {
      const exporter =
        name === 'otlp'
          ? createOtlpExporter('metrics', config.metrics.otlp, config.shutdown, selfMetrics)
          : consoleExporters.metrics();
      if (exporter instanceof DeferredExporter) deferred.push(exporter);
      readers.push(
        new PeriodicExportingMetricReader({
          exporter,
          exportIntervalMillis: config.metrics.exportIntervalMillis,
          exportTimeoutMillis: config.metrics.exportTimeoutMillis,
        }),
      );
    }
  }
  readers.push(...config.metrics.readers);
  if (readers.length === 0) return undefined;

  const meterProvider = new MeterProvider({
    resource,
    readers,
    views: meterViews(config, config.metrics.views),
    sdkMetricsEnabled: config.selfMetrics,
  });
  selfMetrics?.bind(meterProvider);
  return {
    meterProvider,
    prometheus,
    loadExporters: () => {
      for (const exporter of deferred) exporter.load();
    },
  };
}
