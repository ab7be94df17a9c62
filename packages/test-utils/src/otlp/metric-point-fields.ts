import type {
  ExponentialBuckets,
  ReceivedExemplar,
  ReceivedMetricPoint,
} from '../types.js';
import { readAttributes } from './any-value.js';
import {
  readArray,
  readBigInt,
  readDouble,
  readId,
  readInteger,
  readObject,
  type WireObject,
} from './wire-values.js';

/** The fields of a point that depend on its metric's type. */
export type PointFields = Pick<ReceivedMetricPoint, 'attributes'> &
  Partial<ReceivedMetricPoint>;

/** Reads the `asDouble` / `asInt` oneof of a number point or exemplar. */
function readNumberValue(point: WireObject, path: string): number | undefined {
  if ('asDouble' in point)
    return readDouble(point.asDouble, `${path}.asDouble`);
  if ('asInt' in point) return Number(readBigInt(point.asInt, `${path}.asInt`));
  return undefined;
}

function readExemplar(value: unknown, path: string): ReceivedExemplar {
  const exemplar = readObject(value, path);
  const received: ReceivedExemplar = {
    timeUnixNano: readBigInt(exemplar.timeUnixNano, `${path}.timeUnixNano`),
    value: readNumberValue(exemplar, path) ?? 0,
    filteredAttributes: readAttributes(
      exemplar.filteredAttributes,
      `${path}.filteredAttributes`,
    ),
  };
  const traceId = readId(exemplar.traceId, `${path}.traceId`);
  const spanId = readId(exemplar.spanId, `${path}.spanId`);

  if (traceId !== '') received.traceId = traceId;
  if (spanId !== '') received.spanId = spanId;
  return received;
}

/** Reads the attributes and exemplars that every point type has. */
function readCommonFields(point: WireObject, path: string): PointFields {
  const fields: PointFields = {
    attributes: readAttributes(point.attributes, `${path}.attributes`),
  };
  const exemplars = readArray(point.exemplars, `${path}.exemplars`);

  if (exemplars.length > 0) {
    fields.exemplars = exemplars.map((exemplar, i) =>
      readExemplar(exemplar, `${path}.exemplars[${i}]`),
    );
  }
  return fields;
}

/** Copies the optional doubles that the point sent (proto3 `optional`). */
function copyPresentDoubles(
  fields: PointFields,
  point: WireObject,
  keys: readonly ('sum' | 'min' | 'max')[],
  path: string,
): void {
  for (const key of keys) {
    if (key in point) fields[key] = readDouble(point[key], `${path}.${key}`);
  }
}

function readCounts(value: unknown, path: string): number[] {
  return readArray(value, path).map((count, i) =>
    readInteger(count, `${path}[${i}]`),
  );
}

export function readNumberFields(point: WireObject, path: string): PointFields {
  const fields = readCommonFields(point, path);
  const value = readNumberValue(point, path);

  if (value !== undefined) fields.value = value;
  return fields;
}

export function readHistogramFields(
  point: WireObject,
  path: string,
): PointFields {
  const fields = readCommonFields(point, path);
  const bounds = readArray(point.explicitBounds, `${path}.explicitBounds`);

  fields.count = readInteger(point.count, `${path}.count`);
  copyPresentDoubles(fields, point, ['sum', 'min', 'max'], path);
  fields.bucketCounts = readCounts(point.bucketCounts, `${path}.bucketCounts`);
  fields.explicitBounds = bounds.map((bound, i) =>
    readDouble(bound, `${path}.explicitBounds[${i}]`),
  );
  return fields;
}

function readBuckets(value: unknown, path: string): ExponentialBuckets {
  const buckets = readObject(value, path);

  return {
    offset: readInteger(buckets.offset, `${path}.offset`),
    bucketCounts: readCounts(buckets.bucketCounts, `${path}.bucketCounts`),
  };
}

export function readExponentialFields(
  point: WireObject,
  path: string,
): PointFields {
  const fields = readCommonFields(point, path);

  fields.count = readInteger(point.count, `${path}.count`);
  copyPresentDoubles(fields, point, ['sum', 'min', 'max'], path);
  fields.scale = readInteger(point.scale, `${path}.scale`);
  fields.zeroCount = readInteger(point.zeroCount, `${path}.zeroCount`);
  fields.zeroThreshold = readDouble(
    point.zeroThreshold,
    `${path}.zeroThreshold`,
  );
  fields.positive = readBuckets(point.positive, `${path}.positive`);
  fields.negative = readBuckets(point.negative, `${path}.negative`);
  return fields;
}

export function readSummaryFields(
  point: WireObject,
  path: string,
): PointFields {
  const fields = readCommonFields(point, path);
  const quantilesPath = `${path}.quantileValues`;

  fields.count = readInteger(point.count, `${path}.count`);
  fields.sum = readDouble(point.sum, `${path}.sum`);
  fields.quantileValues = readArray(point.quantileValues, quantilesPath).map(
    (item, i) => {
      const entry = readObject(item, `${quantilesPath}[${i}]`);

      return {
        quantile: readDouble(entry.quantile, `${quantilesPath}[${i}].quantile`),
        value: readDouble(entry.value, `${quantilesPath}[${i}].value`),
      };
    },
  );
  return fields;
}
