import type { OtlpEncoding, OtlpSignal } from '../types.js';
import { OtlpDecodeError } from './wire-values.js';

/**
 * Field numbers from an export request down to its items, one set per level
 * of nesting. Spans and log records sit below the resource and the scope.
 * Metric points sit below the metric and its data, which is a gauge, sum,
 * histogram, exponential histogram or summary.
 */
const PROTOBUF_ITEM_PATHS: Record<OtlpSignal, readonly (readonly number[])[]> = {
  traces: [[1], [2], [2]],
  logs: [[1], [2], [2]],
  metrics: [[1], [2], [2], [5, 7, 9, 10, 11], [1]],
};

/** The same paths as JSON keys, in the OTLP/JSON encoding. */
const JSON_ITEM_PATHS: Record<OtlpSignal, readonly (readonly string[])[]> = {
  traces: [['resourceSpans'], ['scopeSpans'], ['spans']],
  logs: [['resourceLogs'], ['scopeLogs'], ['logRecords']],
  metrics: [
    ['resourceMetrics'],
    ['scopeMetrics'],
    ['metrics'],
    ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'],
    ['dataPoints'],
  ],
};

/**
 * Counts the spans, metric points or log records of a decompressed export
 * request without decoding the items. A protobuf body is walked field by
 * field, skipping the content of every item.
 */
export function countExportItems(
  signal: OtlpSignal,
  encoding: OtlpEncoding,
  body: Uint8Array,
): number {
  if (encoding === 'json') return countJson(signal, body);
  return countMessage(body, 0, body.length, PROTOBUF_ITEM_PATHS[signal], 0);
}

function countMessage(
  body: Uint8Array,
  start: number,
  end: number,
  path: readonly (readonly number[])[],
  depth: number,
): number {
  const fields = path[depth] ?? [];
  let count = 0;
  let offset = start;

  while (offset < end) {
    const tag = readVarint(body, offset, end);
    offset = tag.next;
    const field = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;

    if (wireType !== 2) {
      offset = skipScalar(body, offset, end, wireType);
      continue;
    }
    const length = readVarint(body, offset, end);
    const contentEnd = length.next + length.value;
    if (contentEnd > end) throw truncated();
    if (fields.includes(field)) {
      count +=
        depth === path.length - 1
          ? 1
          : countMessage(body, length.next, contentEnd, path, depth + 1);
    }
    offset = contentEnd;
  }
  return count;
}

function skipScalar(
  body: Uint8Array,
  offset: number,
  end: number,
  wireType: number,
): number {
  const next =
    wireType === 0
      ? readVarint(body, offset, end).next
      : wireType === 1
        ? offset + 8
        : wireType === 5
          ? offset + 4
          : -1;
  if (next === -1) {
    throw new OtlpDecodeError(`invalid protobuf: wire type ${wireType} at byte ${offset}`);
  }
  if (next > end) throw truncated();
  return next;
}

function readVarint(
  body: Uint8Array,
  offset: number,
  end: number,
): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let index = offset; index < end && index < offset + 10; index++) {
    const byte = body[index] ?? 0;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return { value, next: index + 1 };
  }
  throw truncated();
}

function truncated(): OtlpDecodeError {
  return new OtlpDecodeError('invalid protobuf: truncated message');
}

function countJson(signal: OtlpSignal, body: Uint8Array): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    throw new OtlpDecodeError(`invalid JSON: ${(error as Error).message}`);
  }
  return countJsonLevel([parsed], JSON_ITEM_PATHS[signal]);
}

function countJsonLevel(
  parents: readonly unknown[],
  path: readonly (readonly string[])[],
): number {
  const [keys = [], ...rest] = path;
  const children = parents.flatMap((parent) =>
    keys.flatMap((key) => {
      const value = (parent as Record<string, unknown> | null)?.[key];
      if (value === undefined || value === null) return [];
      return Array.isArray(value) ? value : [value];
    }),
  );
  return rest.length === 0 ? children.length : countJsonLevel(children, rest);
}
