import { isDeepStrictEqual } from 'node:util';

import type {
  MetricPointFilter,
  ReceivedMetricPoint,
  ReceivedSpan,
  SpanFilter,
} from '../types.js';

function matchesValue(actual: unknown, expected: unknown): boolean {
  if (expected instanceof RegExp) {
    return typeof actual === 'string' && expected.test(actual);
  }
  return isDeepStrictEqual(actual, expected);
}

/** True when every expected attribute is present with a matching value. */
export function matchesAttributes(
  actual: Record<string, unknown>,
  expected: Record<string, unknown> = {},
): boolean {
  return Object.entries(expected).every(
    ([key, value]) => key in actual && matchesValue(actual[key], value),
  );
}

export function matchesSpan(span: ReceivedSpan, filter: SpanFilter): boolean {
  if (typeof filter === 'function') return filter(span);
  if (filter.name !== undefined && !matchesValue(span.name, filter.name)) {
    return false;
  }
  if (filter.kind !== undefined && span.kind !== filter.kind) return false;
  if (filter.traceId !== undefined && span.traceId !== filter.traceId) {
    return false;
  }
  return matchesAttributes(span.attributes, filter.attributes);
}

export function matchesPoint(
  point: ReceivedMetricPoint,
  filter: MetricPointFilter,
): boolean {
  if (typeof filter === 'function') return filter(point);
  if (filter.type !== undefined && point.type !== filter.type) return false;
  return matchesAttributes(point.attributes, filter.attributes);
}
