import type { MeterProvider } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { ResolvedConfig } from '../config/resolved.js';
import { consoleExporters } from '../exporters/console.js';
import { createOtlpExporter } from '../exporters/otlp.js';
import { createSampler } from './samplers.js';

/**
 * Builds the tracer provider, or `undefined` when no exporter and no extra
 * span processor is configured. `firstProcessors` run before the exporting
 * ones, so that redaction happens before any span is queued.
 */
export function createTracerProvider(
  config: ResolvedConfig,
  resource: Resource,
  firstProcessors: readonly SpanProcessor[],
  selfMetrics: MeterProvider | undefined,
): TracerProvider | undefined {
  const exporting = config.traces.exporters.flatMap((name) =>
    createSpanProcessor(name, config, selfMetrics),
  );
  const extra = config.traces.spanProcessors;
  if (exporting.length === 0 && extra.length === 0) return undefined;

  return new TracerProvider({
    resource,
    sampler: createSampler(config.traces.sampler),
    spanLimits: config.traces.spanLimits,
    spanProcessors: [...firstProcessors, ...exporting, ...extra],
    // No meter provider here: with one, the tracer records
    // `otel.sdk.span.started` and `otel.sdk.span.live`, three counter adds
    // per span, a measurable share of the cost of tracing a request. The
    // processor and exporter metrics, recorded once per batch, stay.
  });
}

function createSpanProcessor(
  name: ResolvedConfig['traces']['exporters'][number],
  config: ResolvedConfig,
  selfMetrics: MeterProvider | undefined,
): SpanProcessor[] {
  switch (name) {
    case 'otlp':
      return [
        new BatchSpanProcessor({
          ...config.traces.batch,
          exporter: createOtlpExporter('traces', config.traces.otlp, config.shutdown, selfMetrics),
          selfObsMeterProvider: selfMetrics,
        }),
      ];
    case 'console':
      return [
        new SimpleSpanProcessor({
          exporter: consoleExporters.traces(),
          selfObsMeterProvider: selfMetrics,
        }),
      ];
    case 'none':
      return [];
  }
}
