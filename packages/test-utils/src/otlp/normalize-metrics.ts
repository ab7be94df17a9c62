import type {
  AttributeMap,
  MetricPointType,
  ReceivedMetricPoint,
  ReceivedScope,
} from '../types.js';
import {
  readExponentialFields,
  readHistogramFields,
  readNumberFields,
  readSummaryFields,
  type PointFields,
} from './metric-point-fields.js';
import { walkRequest } from './walk-request.js';
import {
  OtlpDecodeError,
  readArray,
  readBigInt,
  readBoolean,
  readEnum,
  readInteger,
  readObject,
  readString,
  type WireObject,
} from './wire-values.js';

const TEMPORALITY_NAMES = [
  'AGGREGATION_TEMPORALITY_UNSPECIFIED',
  'AGGREGATION_TEMPORALITY_DELTA',
  'AGGREGATION_TEMPORALITY_CUMULATIVE',
] as const;

const TEMPORALITIES = [undefined, 'delta', 'cumulative'] as const;

const POINT_READERS: Record<
  MetricPointType,
  (point: WireObject, path: string) => PointFields
> = {
  sum: readNumberFields,
  gauge: readNumberFields,
  histogram: readHistogramFields,
  exponentialHistogram: readExponentialFields,
  summary: readSummaryFields,
};

const POINT_TYPES = Object.keys(POINT_READERS) as MetricPointType[];

/** The fields that every point of one metric shares. */
type MetricFields = Pick<
  ReceivedMetricPoint,
  'name' | 'unit' | 'description' | 'type' | 'monotonic' | 'temporality'
>;

function findPointType(metric: WireObject, path: string): MetricPointType {
  const type = POINT_TYPES.find((candidate) => candidate in metric);

  if (type === undefined) {
    throw new OtlpDecodeError(`${path}: the metric has no data`);
  }
  return type;
}

function readMetricFields(
  metric: WireObject,
  type: MetricPointType,
  data: WireObject,
  path: string,
): MetricFields {
  const fields: MetricFields = {
    name: readString(metric.name, `${path}.name`),
    unit: readString(metric.unit, `${path}.unit`),
    description: readString(metric.description, `${path}.description`),
    type,
  };
  const temporalityPath = `${path}.${type}.aggregationTemporality`;
  const temporality =
    TEMPORALITIES[
      readEnum(data.aggregationTemporality, TEMPORALITY_NAMES, temporalityPath)
    ];

  if (type === 'sum') {
    fields.monotonic = readBoolean(data.isMonotonic, `${path}.sum.isMonotonic`);
  }
  if (temporality !== undefined) fields.temporality = temporality;
  return fields;
}

function readMetric(
  value: unknown,
  path: string,
  resource: AttributeMap,
  scope: ReceivedScope,
): ReceivedMetricPoint[] {
  const metric = readObject(value, path);
  const type = findPointType(metric, path);
  const data = readObject(metric[type], `${path}.${type}`);
  const shared = readMetricFields(metric, type, data, path);
  const pointsPath = `${path}.${type}.dataPoints`;

  return readArray(data.dataPoints, pointsPath).map((item, i) => {
    const pointPath = `${pointsPath}[${i}]`;
    const point = readObject(item, pointPath);

    return {
      ...shared,
      ...POINT_READERS[type](point, pointPath),
      flags: readInteger(point.flags, `${pointPath}.flags`),
      startTimeUnixNano: readBigInt(
        point.startTimeUnixNano,
        `${pointPath}.startTimeUnixNano`,
      ),
      timeUnixNano: readBigInt(point.timeUnixNano, `${pointPath}.timeUnixNano`),
      resource,
      scope,
    };
  });
}

/**
 * Flattens an `ExportMetricsServiceRequest` object into one row per data
 * point.
 */
export function normalizeMetrics(request: WireObject): ReceivedMetricPoint[] {
  return walkRequest(
    request,
    {
      resourceKey: 'resourceMetrics',
      scopeKey: 'scopeMetrics',
      itemKey: 'metrics',
    },
    readMetric,
  );
}
