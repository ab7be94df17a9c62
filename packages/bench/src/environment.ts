import { fileURLToPath } from 'node:url';
import type { VariantId } from './variants.js';

/**
 * The example API's folder, the working directory of every app child. The
 * SDK looks for the instrumented packages from the working directory, and
 * with pnpm they resolve from the app's own folder only.
 */
export const APP_DIR = fileURLToPath(
  // The package exports `dist/app.js` only.
  new URL('..', import.meta.resolve('@seda/example-api')),
);

/** Metric export interval of every variant, so that a round exports metrics. */
const METRIC_INTERVAL_MILLIS = 5_000;

/**
 * The span queue and batch of every variant: `@seda/telemetry`'s defaults.
 * With the specification's 2048 and 512, every SDK here drops spans under
 * the measured load, each a different share, and the CPU per request would
 * compare unequal work. `--env` overrides them, as any variable.
 */
const SPAN_BATCH_ENV = {
  OTEL_BSP_MAX_QUEUE_SIZE: '8192',
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '2048',
};

/**
 * Returns the environment of a child. Every SDK exports traces, metrics and
 * logs over OTLP/HTTP protobuf to `endpoint`, samples every trace, and
 * batches spans alike. Only
 * the resource detectors that stay on this host run, because the cloud
 * detectors of the reference bundle query metadata addresses.
 */
export function telemetryEnv(
  variant: VariantId,
  endpoint: string,
): Record<string, string> {
  return {
    ...SPAN_BATCH_ENV,
    NODE_ENV: 'production',
    OTEL_SERVICE_NAME: `bench-${variant}`,
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_LOGS_EXPORTER: 'otlp',
    OTEL_TRACES_SAMPLER: 'parentbased_always_on',
    OTEL_METRIC_EXPORT_INTERVAL: String(METRIC_INTERVAL_MILLIS),
    OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process,serviceinstance',
    OTEL_LOG_LEVEL: 'warn',
  };
}
