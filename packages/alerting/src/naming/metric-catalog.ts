/** The OTLP data types that decide a metric's Prometheus name. */
export type OtlpMetricType = 'sum' | 'gauge' | 'histogram';

/** A metric as the SDK sends it over OTLP: enough to derive its names. */
export interface OtlpMetric {
  readonly name: string;
  readonly unit: string;
  readonly type: OtlpMetricType;
  /** `sum` only: true for a counter, false for an up-down counter. */
  readonly monotonic?: boolean;
}

/**
 * The SDK metrics the rules use, by the name, unit and type that
 * `@seda/telemetry` gives them. The metric-name contract test compares
 * every entry with a live scrape and with the SDK's OTLP output.
 */
export const METRIC_CATALOG = {
  httpServerDuration: histogram('http.server.request.duration', 's'),
  healthCheckStatus: gauge('health.check.status', '1'),
  healthStatus: gauge('health.status', '1'),
  processMemoryUsage: upDownCounter('process.memory.usage', 'By'),
  healthMemoryLimit: gauge('health.memory.limit', 'By'),
  websocketActiveConnections: upDownCounter(
    'websocket.server.active_connections',
    '{connection}',
  ),
  authFailed: counter('seda.auth.failed', '{attempt}'),
  spansExported: counter('otel.sdk.exporter.span.exported', '{span}'),
  logsExported: counter('otel.sdk.exporter.log.exported', '{log}'),
  metricPointsExported: counter(
    'otel.sdk.exporter.metric_data_point.exported',
    '{metric_data_point}',
  ),
  spansProcessed: counter('otel.sdk.processor.span.processed', '{span}'),
  logsProcessed: counter('otel.sdk.processor.log.processed', '{log_record}'),
} as const satisfies Record<string, OtlpMetric>;

export type CatalogKey = keyof typeof METRIC_CATALOG;

function histogram(name: string, unit: string): OtlpMetric {
  return { name, unit, type: 'histogram' };
}

function gauge(name: string, unit: string): OtlpMetric {
  return { name, unit, type: 'gauge' };
}

function counter(name: string, unit: string): OtlpMetric {
  return { name, unit, type: 'sum', monotonic: true };
}

function upDownCounter(name: string, unit: string): OtlpMetric {
  return { name, unit, type: 'sum', monotonic: false };
}
