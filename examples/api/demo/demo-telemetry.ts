import type {
  ReceivedLogRecord,
  ReceivedMetricPoint,
  ReceivedSpan,
} from '@seda/test-utils';
import type { PrometheusScrape } from './prometheus-scrape.js';

/** Everything the demo collected from the API's telemetry. */
export interface DemoTelemetry {
  /** The spans the OTLP receiver got. */
  spans: readonly ReceivedSpan[];
  /** The metric points the OTLP receiver got, every export of them. */
  metrics: readonly ReceivedMetricPoint[];
  /** The log records the OTLP receiver got. */
  logs: readonly ReceivedLogRecord[];
  /** The Prometheus scrape made before SIGTERM, if the endpoint was known. */
  scrape: PrometheusScrape | undefined;
}
