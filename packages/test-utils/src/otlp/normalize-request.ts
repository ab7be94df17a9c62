import type {
  OtlpSignal,
  ReceivedLogRecord,
  ReceivedMetricPoint,
  ReceivedSpan,
} from '../types.js';
import { normalizeLogs } from './normalize-logs.js';
import { normalizeMetrics } from './normalize-metrics.js';
import { normalizeTraces } from './normalize-traces.js';
import type { WireObject } from './wire-values.js';

export type NormalizedRequest =
  | { signal: 'traces'; items: ReceivedSpan[] }
  | { signal: 'metrics'; items: ReceivedMetricPoint[] }
  | { signal: 'logs'; items: ReceivedLogRecord[] };

/** Turns a decoded export request into the rows the receiver stores. */
export function normalizeRequest(
  signal: OtlpSignal,
  request: WireObject,
): NormalizedRequest {
  switch (signal) {
    case 'traces':
      return { signal, items: normalizeTraces(request) };
    case 'metrics':
      return { signal, items: normalizeMetrics(request) };
    case 'logs':
      return { signal, items: normalizeLogs(request) };
  }
}
