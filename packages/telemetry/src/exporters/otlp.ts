import type { MeterProvider } from '@opentelemetry/api';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { Signal } from '../config/defaults.js';
import type { ResolvedOtlp } from '../config/resolved.js';
import { componentLogger, muteConfigurationWarnings } from '../diag/logger.js';
import { DeferredExporter, DeferredMetricExporter, type Exporter } from './deferred.js';
import { loadModule } from './load.js';
import { StartEnvironment } from './start-environment.js';

interface ExporterModules {
  readonly module: Record<'http/protobuf' | 'http/json', string>;
  readonly className: string;
}

const MODULES: Record<Signal, ExporterModules> = {
  traces: {
    module: {
      'http/protobuf': '@opentelemetry/exporter-trace-otlp-proto',
      'http/json': '@opentelemetry/exporter-trace-otlp-http',
    },
    className: 'OTLPTraceExporter',
  },
  metrics: {
    module: {
      'http/protobuf': '@opentelemetry/exporter-metrics-otlp-proto',
      'http/json': '@opentelemetry/exporter-metrics-otlp-http',
    },
    className: 'OTLPMetricExporter',
  },
  logs: {
    module: {
      'http/protobuf': '@opentelemetry/exporter-logs-otlp-proto',
      'http/json': '@opentelemetry/exporter-logs-otlp-http',
    },
    className: 'OTLPLogExporter',
  },
};

interface SignalExporters {
  traces: SpanExporter;
  metrics: PushMetricExporter;
  logs: LogRecordExporter;
}

type ExporterClass<T> = new (config: Record<string, unknown>) => T;

/**
 * Creates the standard OTLP/HTTP exporter of a signal from a resolved
 * configuration, with each request cut at the shutdown timeout. Its module
 * loads at the first export (see {@link DeferredExporter}). The exporter
 * package also reads the `OTEL_EXPORTER_OTLP_*` variables itself, as they
 * were at start (see {@link StartEnvironment}). Its
 * warnings about invalid values are muted, because the configuration layer
 * has already reported each of them once.
 */
export function createOtlpExporter<S extends Signal>(
  signal: S,
  otlp: ResolvedOtlp,
  shutdown: { readonly timeoutMillis: number },
  selfMetrics: MeterProvider | undefined,
): SignalExporters[S] {
  const log = componentLogger('export');
  const environment = new StartEnvironment();
  const create = () => {
    const { module, className } = MODULES[signal];
    const loaded = loadModule<Record<string, unknown>>(module[otlp.protocol]);
    const Exporter = loaded[className] as ExporterClass<SignalExporters[S]>;
    const options = {
      url: otlp.url,
      headers: { ...otlp.headers },
      // A request that outlives the shutdown bound, with its retries,
      // would keep the process alive after shutdown() has given up on it.
      timeoutMillis: Math.max(1, Math.min(otlp.timeoutMillis, shutdown.timeoutMillis)),
      compression: otlp.compression,
      selfObsMeterProvider: selfMetrics,
    };
    return muteConfigurationWarnings(() => environment.apply(() => new Exporter(options)));
  };
  const loader = create as () => Exporter<unknown>;
  const deferred =
    signal === 'metrics'
      ? new DeferredMetricExporter(loader, log)
      : new DeferredExporter(loader, log);
  return deferred as unknown as SignalExporters[S];
}
