import type { DiagLogger } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { Signal } from '../config/defaults.js';
import { UrlRedactor } from '../instrumentations/redaction.js';

/** Errors of failed exports that a report has logged with their signal and URL. */
const reportedErrors = new WeakSet<object>();

/** Signals whose exports fail at the moment. */
const failingSignals = new Set<Signal>();

/**
 * Tells whether the SDK's global error handler can leave `error` out,
 * because an {@link ExportFailureReport} has logged the failure: the error
 * itself, or the periodic metric reader's error that wraps it.
 */
export function isReportedExportError(error: unknown): boolean {
  if (typeof error === 'object' && error !== null && reportedErrors.has(error)) return true;
  return (
    failingSignals.has('metrics') &&
    error instanceof Error &&
    error.message.startsWith('PeriodicExportingMetricReader: metrics export failed')
  );
}

/**
 * Log of the exports of one signal: the first failure of a run of failures,
 * with the URL and the variables that set it, and the first success after
 * it. The failures in between are counted by the exporter's own metrics.
 */
export class ExportFailureReport {
  private readonly url: string;

  constructor(
    private readonly signal: Signal,
    url: string,
    private readonly log: DiagLogger,
  ) {
    // The endpoint may carry credentials, as in the start report.
    this.url = new UrlRedactor([]).redactUrl(url);
  }

  record(result: ExportResult): void {
    if (result.code === ExportResultCode.SUCCESS) {
      if (failingSignals.delete(this.signal)) {
        this.log.info(`${this.signal} export to ${this.url} succeeded again`);
      }
      return;
    }

    if (result.error) reportedErrors.add(result.error);
    if (failingSignals.has(this.signal)) return;
    failingSignals.add(this.signal);
    const variable = `OTEL_EXPORTER_OTLP_${this.signal.toUpperCase()}_ENDPOINT`;
    this.log.error(
      `${this.signal} export failed: ${describe(result.error)} (POST ${this.url}). ` +
        'Check that an OTLP/HTTP collector listens at that URL, which ' +
        `OTEL_EXPORTER_OTLP_ENDPOINT or ${variable} sets. ` +
        `Later ${this.signal} export failures are not logged until an export succeeds.`,
    );
  }
}

function describe(error: Error | undefined): string {
  return error?.message || 'no reason given';
}
