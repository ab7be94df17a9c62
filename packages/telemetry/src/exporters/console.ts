import { ConsoleLogRecordExporter } from '@opentelemetry/sdk-logs';
import { ConsoleMetricExporter } from '@opentelemetry/sdk-metrics';
import { ConsoleSpanExporter } from '@opentelemetry/sdk-trace';

/** The SDK's console exporters, one per signal, for local debugging. */
export const consoleExporters = {
  traces: () => new ConsoleSpanExporter(),
  metrics: () => new ConsoleMetricExporter(),
  logs: () => new ConsoleLogRecordExporter(),
};
