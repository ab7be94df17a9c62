import { type DiagLogger, logs, metrics, trace } from '@opentelemetry/api';
import type { LoggerProvider } from '@opentelemetry/sdk-logs';
import type { MeterProvider } from '@opentelemetry/sdk-metrics';
import type { TracerProvider } from '@opentelemetry/sdk-trace';
import type { TelemetryHandle } from '../types.js';
import { unregisterContext } from './context.js';
import { settleWithin } from './deadline.js';

/** The running parts of the SDK that shutdown has to stop. */
export interface RunningParts {
  readonly tracerProvider: TracerProvider | undefined;
  readonly meterProvider: MeterProvider | undefined;
  readonly loggerProvider: LoggerProvider | undefined;
  /** Runs just before the meter provider shuts down. */
  readonly beforeMetricsShutdown?: () => void;
  readonly prometheusUrl: Promise<string | undefined>;
  /** Synchronous clean-ups run after the providers stop, in order. */
  readonly cleanups: readonly (() => void | Promise<void>)[];
  readonly timeoutMillis: number;
}

/** The handle of a running SDK: flush and shutdown, both bounded in time. */
export class TelemetryLifecycle implements TelemetryHandle {
  readonly enabled = true;
  readonly prometheusUrl: Promise<string | undefined>;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly parts: RunningParts,
    private readonly log: DiagLogger,
    private readonly onStopped: () => void,
  ) {
    this.prometheusUrl = parts.prometheusUrl;
  }

  forceFlush(): Promise<void> {
    if (this.stopping) return this.stopping;

    const { tracerProvider, meterProvider, loggerProvider } = this.parts;
    const flushes = Promise.allSettled([
      tracerProvider?.forceFlush(),
      loggerProvider?.forceFlush(),
    ]).then(() => meterProvider?.forceFlush());
    return settleWithin(
      flushes,
      this.parts.timeoutMillis,
      () => this.log.warn(`flush did not finish within ${this.parts.timeoutMillis} ms`),
      (error) => this.log.error('flush failed:', error),
    );
  }

  shutdown(): Promise<void> {
    this.stopping ??= this.stop();
    return this.stopping;
  }

  private async stop(): Promise<void> {
    const { timeoutMillis } = this.parts;
    await settleWithin(
      this.stopProviders(),
      timeoutMillis,
      () =>
        this.log.warn(
          `shutdown did not finish within ${timeoutMillis} ms; ` +
            'telemetry not yet exported was dropped',
        ),
      (error) => this.log.error('shutdown failed:', error),
    );
    await this.runCleanups();
    this.onStopped();
    this.log.info('stopped');
  }

  /**
   * Stops traces and logs first, because their processors record self
   * metrics, then metrics, whose shutdown runs a final collection.
   */
  private async stopProviders(): Promise<void> {
    const { tracerProvider, meterProvider, loggerProvider, beforeMetricsShutdown } = this.parts;
    const results = await Promise.allSettled([
      tracerProvider?.shutdown(),
      loggerProvider?.shutdown(),
    ]);
    beforeMetricsShutdown?.();
    await meterProvider?.shutdown();
    for (const result of results) {
      if (result.status === 'rejected') throw result.reason;
    }
  }

  private async runCleanups(): Promise<void> {
    for (const cleanup of this.parts.cleanups) {
      try {
        await cleanup();
      } catch (error) {
        this.log.error('clean-up after shutdown failed:', error);
      }
    }
    trace.disable();
    metrics.disable();
    logs.disable();
    unregisterContext();
  }
}

/** The handle returned when the SDK is disabled: no providers, ports or timers. */
export const DISABLED_HANDLE: TelemetryHandle = Object.freeze({
  enabled: false,
  prometheusUrl: Promise.resolve(undefined),
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
});
