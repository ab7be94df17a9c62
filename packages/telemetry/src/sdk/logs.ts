import type { MeterProvider } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import {
  BatchLogRecordProcessor,
  type LogRecordProcessor,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import type { ResolvedConfig } from '../config/resolved.js';
import { consoleExporters } from '../exporters/console.js';
import { createOtlpExporter } from '../exporters/otlp.js';
import { RedactingLogRecordProcessor } from '../logs/redacting-processor.js';
import { KeyRedactor } from '../logs/redaction.js';

/**
 * Builds the logger provider, or `undefined` when no processor is
 * configured. Every record has its secret keys redacted before any
 * configured processor receives it.
 */
export function createLoggerProvider(
  config: ResolvedConfig,
  resource: Resource,
  selfMetrics: MeterProvider | undefined,
): LoggerProvider | undefined {
  const processors: LogRecordProcessor[] = [];
  for (const name of config.logs.exporters) {
    if (name === 'otlp') {
      processors.push(
        new BatchLogRecordProcessor({
          ...config.logs.batch,
          exporter: createOtlpExporter('logs', config.logs.otlp, config.shutdown, selfMetrics),
          selfObsMeterProvider: selfMetrics,
        }),
      );
    } else if (name === 'console') {
      processors.push(
        new SimpleLogRecordProcessor({
          exporter: consoleExporters.logs(),
          selfObsMeterProvider: selfMetrics,
        }),
      );
    }
  }
  processors.push(...config.logs.logRecordProcessors);
  if (processors.length === 0) return undefined;

  // Redaction runs first, so the exporting processors receive redacted records.
  processors.unshift(
    new RedactingLogRecordProcessor(new KeyRedactor(config.logs.redactedKeys)),
  );

  return new LoggerProvider({ resource, processors, meterProvider: selfMetrics });
}
