import type { Attributes } from '@opentelemetry/api';
import {
  DataPointType,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';

/** One data point with its metric's identity, flattened for assertions. */
export interface MetricPoint {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  readonly scope: string;
  readonly type: 'sum' | 'gauge' | 'histogram' | 'exponentialHistogram';
  readonly monotonic?: boolean;
  readonly attributes: Attributes;
  /** The value of a sum or gauge point. */
  readonly value?: number;
  readonly count?: number;
  readonly sum?: number;
  readonly min?: number;
  readonly max?: number;
  readonly explicitBounds?: readonly number[];
  readonly bucketCounts?: readonly number[];
}

const TYPES: Record<DataPointType, MetricPoint['type']> = {
  [DataPointType.SUM]: 'sum',
  [DataPointType.GAUGE]: 'gauge',
  [DataPointType.HISTOGRAM]: 'histogram',
  [DataPointType.EXPONENTIAL_HISTOGRAM]: 'exponentialHistogram',
};

/** Flattens collected metrics into one row per data point. */
export function toMetricPoints(collected: ResourceMetrics): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const scopeMetrics of collected.scopeMetrics) {
    for (const metric of scopeMetrics.metrics) {
      const identity = {
        name: metric.descriptor.name,
        unit: metric.descriptor.unit,
        description: metric.descriptor.description,
        scope: scopeMetrics.scope.name,
        type: TYPES[metric.dataPointType],
        monotonic: 'isMonotonic' in metric ? metric.isMonotonic : undefined,
      };
      for (const point of metric.dataPoints) {
        points.push({ ...identity, attributes: point.attributes, ...pointValue(point.value) });
      }
    }
  }
  return points;
}

function pointValue(value: unknown): Partial<MetricPoint> {
  if (typeof value === 'number') return { value };

  const histogram = value as {
    count: number;
    sum?: number;
    min?: number;
    max?: number;
    buckets?: { boundaries: number[]; counts: number[] };
  };
  return {
    count: histogram.count,
    sum: histogram.sum,
    min: histogram.min,
    max: histogram.max,
    explicitBounds: histogram.buckets?.boundaries,
    bucketCounts: histogram.buckets?.counts,
  };
}
