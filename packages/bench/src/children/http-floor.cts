// The least a set-up built on the standard OpenTelemetry packages loads and
// runs to trace HTTP: the HTTP instrumentation alone, the AsyncLocalStorage
// context manager, a tracer provider with a batch span processor and the
// OTLP/HTTP protobuf exporters, without `NodeSDK`, resource detection or logs.
// It records one span per request, so its cost is a lower bound for any
// set-up that traces HTTP with these packages. Preloaded with `--import` or
// `--require`.
import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

// Built in code, the reader and the processor read no `OTEL_METRIC_*` or
// `OTEL_BSP_*` variable, so the set-up passes on those the rounds set.
const exportIntervalMillis = Number(process.env.OTEL_METRIC_EXPORT_INTERVAL ?? 60_000);
const maxQueueSize = Number(process.env.OTEL_BSP_MAX_QUEUE_SIZE ?? 2048);
const maxExportBatchSize = Number(process.env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE ?? 512);

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
const tracerProvider = new TracerProvider({
  spanProcessors: [
    new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), maxQueueSize, maxExportBatchSize }),
  ],
});
trace.setGlobalTracerProvider(tracerProvider);
const meterProvider = new MeterProvider({
  readers: [
    new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), exportIntervalMillis }),
  ],
});
metrics.setGlobalMeterProvider(meterProvider);
registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });

process.once('SIGTERM', () => {
  void Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
});
