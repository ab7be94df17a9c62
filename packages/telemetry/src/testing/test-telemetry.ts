import {
  InMemoryLogRecordExporter,
  type ReadableLogRecord,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import { MetricReader } from '@opentelemetry/sdk-metrics';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace';
import { startTelemetry } from '../start.js';
import type { TelemetryHandle, TelemetryOptions } from '../types.js';
import { type MetricPoint, toMetricPoints } from './metric-points.js';

/** A metric reader that collects only when asked to. */
class OnDemandMetricReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** The SDK started with in-memory exporters, and what they received. */
export interface TestTelemetry {
  readonly handle: TelemetryHandle;
  /** Spans that have ended, oldest first. */
  spans(): ReadableSpan[];
  /** Log records emitted, oldest first. */
  logRecords(): ReadableLogRecord[];
  /** Collects every instrument now and returns one row per data point. */
  collectMetrics(): Promise<MetricPoint[]>;
  /**
   * Resolves with the spans once `predicate` holds for the ended spans, or
   * rejects after `timeoutMillis` (default 5000) listing what did end.
   */
  waitForSpans(
    predicate: (spans: ReadableSpan[]) => boolean,
    timeoutMillis?: number,
  ): Promise<ReadableSpan[]>;
  /** Forgets the spans and log records received so far. */
  reset(): void;
  shutdown(): Promise<void>;
}

const POLL_MILLIS = 10;

/**
 * Starts the SDK exactly as `startTelemetry` does, with its instrumentations
 * and processing, but with in-memory exporters in place of OTLP, no signal
 * handlers and no network. Options are merged over these defaults.
 */
export function startTestTelemetry(options: TelemetryOptions = {}): TestTelemetry {
  const spanExporter = new InMemorySpanExporter();
  const logExporter = new InMemoryLogRecordExporter();
  const reader = new OnDemandMetricReader();

  const handle = startTelemetry({
    // A CI job that disables telemetry globally must not disable the tests
    // of telemetry; a test can still pass `disabled: true`.
    disabled: false,
    ...options,
    shutdown: { signals: false, ...options.shutdown },
    traces: {
      exporters: ['none'],
      ...options.traces,
      spanProcessors: [
        new SimpleSpanProcessor({ exporter: spanExporter }),
        ...(options.traces?.spanProcessors ?? []),
      ],
    },
    metrics: {
      exporters: ['none'],
      ...options.metrics,
      readers: [reader, ...(options.metrics?.readers ?? [])],
    },
    logs: {
      exporters: ['none'],
      ...options.logs,
      logRecordProcessors: [
        new SimpleLogRecordProcessor({ exporter: logExporter }),
        ...(options.logs?.logRecordProcessors ?? []),
      ],
    },
  });

  const spans = () => spanExporter.getFinishedSpans();
  return {
    handle,
    spans,
    logRecords: () => logExporter.getFinishedLogRecords(),
    async collectMetrics() {
      const { resourceMetrics } = await reader.collect();
      return toMetricPoints(resourceMetrics);
    },
    async waitForSpans(predicate, timeoutMillis = 5_000) {
      const deadline = Date.now() + timeoutMillis;
      while (!predicate(spans())) {
        if (Date.now() > deadline) {
          const names = spans().map((span) => span.name);
          throw new Error(
            `expected spans did not end within ${timeoutMillis} ms; ended: ` +
              `[${names.join(', ')}]`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MILLIS));
      }
      return spans();
    },
    reset() {
      spanExporter.reset();
      logExporter.reset();
    },
    shutdown: () => handle.shutdown(),
  };
}
