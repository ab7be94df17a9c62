// A minimal hand-written `@opentelemetry/sdk-node` setup, as a team without
// a distribution would write it: the HTTP and Prisma instrumentations, a
// batch span processor and the OTLP/HTTP protobuf exporters, configured by
// the `OTEL_*` variables. Preloaded with `--import` or `--require`.
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { PrismaInstrumentation } from '@prisma/instrumentation';

// A reader or a span processor built in code reads no `OTEL_METRIC_*` or
// `OTEL_BSP_*` variable in SDK 3.x, so the set-up passes them on, as the
// other variants honour them.
const exportIntervalMillis = Number(
  process.env.OTEL_METRIC_EXPORT_INTERVAL ?? 60_000,
);
const maxQueueSize = Number(process.env.OTEL_BSP_MAX_QUEUE_SIZE ?? 2048);
const maxExportBatchSize = Number(
  process.env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE ?? 512,
);

const sdk = new NodeSDK({
  spanProcessors: [
    new BatchSpanProcessor({
      exporter: new OTLPTraceExporter(),
      maxQueueSize,
      maxExportBatchSize,
    }),
  ],
  metricReaders: [
    new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter(),
      exportIntervalMillis,
    }),
  ],
  instrumentations: [new HttpInstrumentation(), new PrismaInstrumentation()],
});
sdk.start();
process.once('SIGTERM', () => void sdk.shutdown());
