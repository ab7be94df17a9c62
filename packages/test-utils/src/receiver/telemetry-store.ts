import type { NormalizedRequest } from '../otlp/normalize-request.js';
import type {
  ReceivedLogRecord,
  ReceivedMetricPoint,
  ReceivedRequest,
  ReceivedSpan,
  ReceivedTelemetry,
} from '../types.js';

/** The telemetry and requests that a receiver received, in arrival order. */
export class TelemetryStore {
  private spans: ReceivedSpan[] = [];
  private metrics: ReceivedMetricPoint[] = [];
  private logs: ReceivedLogRecord[] = [];
  private requests: ReceivedRequest[] = [];

  addRequest(request: ReceivedRequest): void {
    this.requests.push(request);
  }

  addAccepted(accepted: NormalizedRequest): void {
    if (accepted.signal === 'traces') this.spans.push(...accepted.items);
    if (accepted.signal === 'metrics') this.metrics.push(...accepted.items);
    if (accepted.signal === 'logs') this.logs.push(...accepted.items);
  }

  /** Copies of the lists, so callers cannot change the store. */
  snapshot(): ReceivedTelemetry {
    return {
      spans: [...this.spans],
      metrics: [...this.metrics],
      logs: [...this.logs],
      requests: this.requests.map((request) => ({ ...request })),
    };
  }

  clear(): void {
    this.spans = [];
    this.metrics = [];
    this.logs = [];
    this.requests = [];
  }
}
