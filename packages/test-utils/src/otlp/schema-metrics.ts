import type { AnyNestedObject } from 'protobufjs';

import { enumeration, field, message, repeated } from './schema-builder.js';

/** Messages of `opentelemetry/proto/metrics/v1/metrics.proto` (OTLP 1.x). */
export const metricTypes: Record<string, AnyNestedObject> = {
  ResourceMetrics: message({
    resource: field('Resource', 1),
    scopeMetrics: repeated('ScopeMetrics', 2),
    schemaUrl: field('string', 3),
  }),
  ScopeMetrics: message({
    scope: field('InstrumentationScope', 1),
    metrics: repeated('Metric', 2),
    schemaUrl: field('string', 3),
  }),
  Metric: message(
    {
      name: field('string', 1),
      description: field('string', 2),
      unit: field('string', 3),
      gauge: field('Gauge', 5),
      sum: field('Sum', 7),
      histogram: field('Histogram', 9),
      exponentialHistogram: field('ExponentialHistogram', 10),
      summary: field('Summary', 11),
      metadata: repeated('KeyValue', 12),
    },
    { data: ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'] },
  ),
  Gauge: message({ dataPoints: repeated('NumberDataPoint', 1) }),
  Sum: message({
    dataPoints: repeated('NumberDataPoint', 1),
    aggregationTemporality: field('AggregationTemporality', 2),
    isMonotonic: field('bool', 3),
  }),
  Histogram: message({
    dataPoints: repeated('HistogramDataPoint', 1),
    aggregationTemporality: field('AggregationTemporality', 2),
  }),
  ExponentialHistogram: message({
    dataPoints: repeated('ExponentialHistogramDataPoint', 1),
    aggregationTemporality: field('AggregationTemporality', 2),
  }),
  Summary: message({ dataPoints: repeated('SummaryDataPoint', 1) }),
  AggregationTemporality: enumeration({
    AGGREGATION_TEMPORALITY_UNSPECIFIED: 0,
    AGGREGATION_TEMPORALITY_DELTA: 1,
    AGGREGATION_TEMPORALITY_CUMULATIVE: 2,
  }),
  NumberDataPoint: message(
    {
      attributes: repeated('KeyValue', 7),
      startTimeUnixNano: field('fixed64', 2),
      timeUnixNano: field('fixed64', 3),
      asDouble: field('double', 4),
      asInt: field('sfixed64', 6),
      exemplars: repeated('Exemplar', 5),
      flags: field('uint32', 8),
    },
    { value: ['asDouble', 'asInt'] },
  ),
  HistogramDataPoint: message(
    {
      attributes: repeated('KeyValue', 9),
      startTimeUnixNano: field('fixed64', 2),
      timeUnixNano: field('fixed64', 3),
      count: field('fixed64', 4),
      sum: field('double', 5),
      bucketCounts: repeated('fixed64', 6),
      explicitBounds: repeated('double', 7),
      exemplars: repeated('Exemplar', 8),
      flags: field('uint32', 10),
      min: field('double', 11),
      max: field('double', 12),
    },
    { _sum: ['sum'], _min: ['min'], _max: ['max'] },
  ),
  ExponentialHistogramDataPoint: message(
    {
      attributes: repeated('KeyValue', 1),
      startTimeUnixNano: field('fixed64', 2),
      timeUnixNano: field('fixed64', 3),
      count: field('fixed64', 4),
      sum: field('double', 5),
      scale: field('sint32', 6),
      zeroCount: field('fixed64', 7),
      positive: field('ExponentialHistogramBuckets', 8),
      negative: field('ExponentialHistogramBuckets', 9),
      flags: field('uint32', 10),
      exemplars: repeated('Exemplar', 11),
      min: field('double', 12),
      max: field('double', 13),
      zeroThreshold: field('double', 14),
    },
    { _sum: ['sum'], _min: ['min'], _max: ['max'] },
  ),
  // ExponentialHistogramDataPoint.Buckets in the .proto file.
  ExponentialHistogramBuckets: message({
    offset: field('sint32', 1),
    bucketCounts: repeated('uint64', 2),
  }),
  SummaryDataPoint: message({
    attributes: repeated('KeyValue', 7),
    startTimeUnixNano: field('fixed64', 2),
    timeUnixNano: field('fixed64', 3),
    count: field('fixed64', 4),
    sum: field('double', 5),
    quantileValues: repeated('SummaryValueAtQuantile', 6),
    flags: field('uint32', 8),
  }),
  // SummaryDataPoint.ValueAtQuantile in the .proto file.
  SummaryValueAtQuantile: message({
    quantile: field('double', 1),
    value: field('double', 2),
  }),
  Exemplar: message(
    {
      filteredAttributes: repeated('KeyValue', 7),
      timeUnixNano: field('fixed64', 2),
      asDouble: field('double', 3),
      asInt: field('sfixed64', 6),
      spanId: field('bytes', 4),
      traceId: field('bytes', 5),
    },
    { value: ['asDouble', 'asInt'] },
  ),
};
