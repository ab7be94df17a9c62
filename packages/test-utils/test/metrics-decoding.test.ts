import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  AggregationType,
  InstrumentType,
  MeterProvider,
  MetricReader,
  type ExponentialHistogram,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startOtlpReceiver,
  type OtlpReceiver,
  type ReceivedMetricPoint,
} from '../src/index.js';
import { countWithoutDecoding, exportOrThrow } from './support/export-result.js';

/** A metric reader that collects only when `collect()` is called. */
class ManualReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

async function recordMetrics(): Promise<ResourceMetrics> {
  const reader = new ManualReader({
    // Histograms go out as delta so that both temporalities are decoded.
    aggregationTemporalitySelector: (type) =>
      type === InstrumentType.HISTOGRAM
        ? AggregationTemporality.DELTA
        : AggregationTemporality.CUMULATIVE,
  });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'chat-service' }),
    readers: [reader],
    views: [
      {
        instrumentName: 'seda.track.length',
        aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM },
      },
    ],
  });
  const meter = provider.getMeter('seda-chat', '2.0.0');
  const sent = meter.createCounter('seda.messages.sent', {
    unit: '{message}',
    description: 'Chat messages sent',
  });
  const active = meter.createUpDownCounter('seda.listeners.active');
  const depth = meter.createGauge('seda.queue.depth');
  const duration = meter.createHistogram('seda.request.duration', {
    unit: 's',
    advice: { explicitBucketBoundaries: [0.1, 0.5, 1] },
  });
  const trackLength = meter.createHistogram('seda.track.length', { unit: 's' });

  sent.add(3, { 'seda.room': 'jazz' });
  sent.add(2, { 'seda.room': 'lofi' });
  active.add(4);
  active.add(-6);
  depth.record(7.5, { 'seda.queue': 'uploads' });
  for (const seconds of [0.05, 0.2, 0.3, 2]) duration.record(seconds);
  for (const seconds of [0, 1, 2, 3, 200]) trackLength.record(seconds);

  const { resourceMetrics, errors } = await reader.collect();

  expect(errors).toEqual([]);
  return resourceMetrics;
}

async function receiveThrough(
  receiver: OtlpReceiver,
  exporter: ProtoMetricExporter | JsonMetricExporter,
  metrics: ResourceMetrics,
): Promise<ReceivedMetricPoint[]> {
  receiver.reset();
  await exportOrThrow(exporter, metrics);
  return receiver.metrics();
}

/** Returns the SDK's value of the first point of a metric. */
function sdkValueOf(metrics: ResourceMetrics, name: string): unknown {
  const metric = metrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .find((candidate) => candidate.descriptor.name === name);

  return metric?.dataPoints[0]?.value;
}

function pointsOf(
  points: ReceivedMetricPoint[],
  name: string,
): ReceivedMetricPoint[] {
  return points.filter((point) => point.name === name);
}

describe('metric decoding', () => {
  let receiver: OtlpReceiver;
  let metrics: ResourceMetrics;
  let fromProtobuf: ReceivedMetricPoint[];
  let fromJson: ReceivedMetricPoint[];

  beforeAll(async () => {
    receiver = await startOtlpReceiver();

    metrics = await recordMetrics();

    fromProtobuf = await receiveThrough(
      receiver,
      new ProtoMetricExporter({ url: receiver.endpoint('metrics') }),
      metrics,
    );
    fromJson = await receiveThrough(
      receiver,
      new JsonMetricExporter({ url: receiver.endpoint('metrics') }),
      metrics,
    );
  });

  afterAll(async () => {
    await receiver.close();
  });

  it('decodes both encodings to equal points', () => {
    expect(fromProtobuf).toHaveLength(6);
    expect(fromJson).toEqual(fromProtobuf);
  });

  it('decodes a monotonic sum per attribute set', () => {
    const points = pointsOf(fromProtobuf, 'seda.messages.sent');

    expect(points).toEqual([
      expect.objectContaining({
        type: 'sum',
        unit: '{message}',
        description: 'Chat messages sent',
        monotonic: true,
        temporality: 'cumulative',
        attributes: { 'seda.room': 'jazz' },
        value: 3,
      }),
      expect.objectContaining({
        attributes: { 'seda.room': 'lofi' },
        value: 2,
      }),
    ]);
    expect(points[0]?.timeUnixNano).toBeGreaterThan(0n);
    expect(points[0]?.startTimeUnixNano).toBeGreaterThan(0n);
  });

  it('decodes a non-monotonic sum and a gauge', () => {
    expect(pointsOf(fromJson, 'seda.listeners.active')).toEqual([
      expect.objectContaining({ type: 'sum', monotonic: false, value: -2 }),
    ]);
    expect(pointsOf(fromJson, 'seda.queue.depth')).toEqual([
      expect.objectContaining({
        type: 'gauge',
        attributes: { 'seda.queue': 'uploads' },
        value: 7.5,
      }),
    ]);
  });

  it('decodes explicit histogram buckets', () => {
    const [point] = pointsOf(fromProtobuf, 'seda.request.duration');

    expect(point).toMatchObject({
      type: 'histogram',
      unit: 's',
      temporality: 'delta',
      count: 4,
      min: 0.05,
      max: 2,
      explicitBounds: [0.1, 0.5, 1],
      bucketCounts: [1, 2, 0, 1],
    });
    expect(point?.sum).toBeCloseTo(2.55, 10);
  });

  it('decodes an exponential histogram', () => {
    const [point] = pointsOf(fromJson, 'seda.track.length');
    const sdkValue = sdkValueOf(metrics, 'seda.track.length');
    const { scale, positive } = sdkValue as ExponentialHistogram;
    const positiveCount = point?.positive?.bucketCounts.reduce(
      (sum, count) => sum + count,
      0,
    );

    expect(point).toMatchObject({
      type: 'exponentialHistogram',
      temporality: 'delta',
      count: 5,
      sum: 206,
      min: 0,
      max: 200,
      zeroCount: 1,
      negative: { offset: 0, bucketCounts: [] },
    });
    expect(point?.scale).toBe(scale);
    expect(point?.positive).toEqual(positive);
    expect(positiveCount).toBe(4);
  });

  it('decodes resource and scope on every point', () => {
    for (const point of fromJson) {
      expect(point.resource).toEqual({ 'service.name': 'chat-service' });
      expect(point.scope).toEqual({ name: 'seda-chat', version: '2.0.0' });
    }
  });

  it('discard mode counts the metric points it does not decode', async () => {
    const counts = await countWithoutDecoding(
      receiver,
      [
        new ProtoMetricExporter({ url: receiver.endpoint('metrics') }),
        new JsonMetricExporter({ url: receiver.endpoint('metrics') }),
      ],
      metrics,
    );

    expect(fromProtobuf.length).toBeGreaterThan(1);
    expect(counts).toEqual([fromProtobuf.length, fromProtobuf.length]);
  });
});
