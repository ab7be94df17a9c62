import { diag, type DiagLogger } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { AggregationTemporality, type InstrumentType } from '@opentelemetry/sdk-metrics';

/** The interface that span, log record and metric exporters share. */
export interface Exporter<Batch> {
  export(batch: Batch, resultCallback: (result: ExportResult) => void): void;
  forceFlush?(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * An exporter whose module is loaded and constructed at its first export
 * instead of at start. The OTLP exporters and the transformer that encodes
 * their payload are some 70 modules, and a service serves its first
 * requests before anything is exported. Until then, flushing has nothing
 * to send and a shutdown has nothing to close.
 *
 * A construction that throws fails that export and every later one with
 * the error, which is logged once; the application keeps running.
 */
export class DeferredExporter<Batch> implements Exporter<Batch> {
  private loaded: Exporter<Batch> | undefined;
  private failure: Error | undefined;
  private stopped = false;

  constructor(
    private readonly create: () => Exporter<Batch>,
    private readonly log: DiagLogger = diag,
  ) {}

  export(batch: Batch, resultCallback: (result: ExportResult) => void): void {
    const exporter = this.stopped ? undefined : this.load();
    if (exporter === undefined) {
      resultCallback({
        code: ExportResultCode.FAILED,
        error: this.failure ?? new Error('the exporter is shut down'),
      });
      return;
    }
    exporter.export(batch, resultCallback);
  }

  forceFlush(): Promise<void> {
    return this.loaded?.forceFlush?.() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.stopped = true;
    return this.loaded?.shutdown() ?? Promise.resolve();
  }

  /** Returns the exporter, constructed on the first call, or undefined if that failed. */
  load(): Exporter<Batch> | undefined {
    if (this.loaded || this.failure) return this.loaded;
    try {
      this.loaded = this.create();
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.log.error(
        `failed to create the OTLP exporter, so nothing is exported (check the OTEL_EXPORTER_OTLP_* settings): ${this.failure.message}`,
      );
    }
    return this.loaded;
  }
}

interface MetricExporter<Batch> extends Exporter<Batch> {
  selectAggregationTemporality?(instrumentType: InstrumentType): AggregationTemporality;
}

/**
 * A deferred metric exporter. The metric reader asks for the temporality of
 * each instrument at its first collection, which loads the exporter then.
 * It defines no `selectAggregation`, so every instrument gets the default
 * aggregation, as the OTLP exporters choose without an aggregation
 * preference.
 */
export class DeferredMetricExporter<Batch>
  extends DeferredExporter<Batch>
  implements MetricExporter<Batch>
{
  constructor(create: () => MetricExporter<Batch>, log?: DiagLogger) {
    super(create, log);
  }

  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    const exporter = this.load() as MetricExporter<Batch> | undefined;
    return (
      exporter?.selectAggregationTemporality?.(instrumentType) ??
      AggregationTemporality.CUMULATIVE
    );
  }
}
