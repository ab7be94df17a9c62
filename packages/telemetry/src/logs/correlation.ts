import {
  type Context,
  context,
  isSpanContextValid,
  trace,
} from '@opentelemetry/api';

/**
 * The log-correlation fields of the OpenTelemetry specification's
 * "Trace Context in Non-OTLP Log Formats": hex ids, and the W3C trace flags
 * as two hex digits (`01` for a sampled span).
 */
export interface TraceFields {
  trace_id: string;
  span_id: string;
  trace_flags: string;
}

/** Field names of {@link TraceFields}, in the order they are written. */
export const TRACE_FIELD_NAMES = [
  'trace_id',
  'span_id',
  'trace_flags',
] as const;

/** Returns the fields of the span active in `current`, or `undefined` without one. */
export function traceFields(
  current: Context = context.active(),
): TraceFields | undefined {
  const spanContext = trace.getSpanContext(current);
  if (!spanContext || !isSpanContextValid(spanContext)) return undefined;

  return {
    trace_id: spanContext.traceId,
    span_id: spanContext.spanId,
    trace_flags: spanContext.traceFlags.toString(16).padStart(2, '0'),
  };
}
