// Preloaded with `--require` before the span generator, for the span stage
// figure: one part of the OpenTelemetry SDK's span pipeline at a time, to
// show where the CPU time of a span goes. `BENCH_SPAN_STAGE` selects it:
// - `create`: the tracer alone, with no span processor;
// - `batch`: the batch span processor, with an exporter that drops each
//   batch at once;
// - `export`: the batch span processor and the OTLP/HTTP protobuf exporter,
//   sending to `OTEL_EXPORTER_OTLP_ENDPOINT`.
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';

/** The queue and batch sizes of `@seda/telemetry`, which every stage uses. */
const BATCH = { maxQueueSize: 8192, maxExportBatchSize: 2048 };

/** Reports success for every batch without looking at it. */
class DroppingExporter implements SpanExporter {
  export(_spans: ReadableSpan[], done: (result: { code: number }) => void): void {
    setImmediate(() => done({ code: 0 }));
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function processorsOf(stage: string | undefined): SpanProcessor[] {
  switch (stage) {
    case 'create':
      return [];
    case 'batch':
      return [new BatchSpanProcessor({ exporter: new DroppingExporter(), ...BATCH })];
    case 'export':
      return [new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), ...BATCH })];
    default:
      throw new Error(
        `Invalid BENCH_SPAN_STAGE "${String(stage)}": use create, batch or export.`,
      );
  }
}

const provider = new TracerProvider({
  spanProcessors: processorsOf(process.env.BENCH_SPAN_STAGE),
});
trace.setGlobalTracerProvider(provider);

// The parent ends the generator with SIGTERM once it has reported.
process.once('SIGTERM', () => {
  void provider.shutdown().finally(() => process.exit(0));
});
