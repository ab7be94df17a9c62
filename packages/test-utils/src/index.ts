export { startOtlpReceiver } from './receiver/otlp-receiver.js';
export { histogramQuantile } from './metrics/histogram-quantile.js';
export {
  latestPoints,
  sumBy,
  type SummedField,
} from './metrics/metric-points.js';
export {
  runFixture,
  stopAllFixtures,
  type FixtureExit,
  type FixtureHandle,
  type RunFixtureOptions,
  type StopOptions,
  type WaitForOutputOptions,
} from './fixtures/run-fixture.js';
export type { OutputStream } from './fixtures/output-buffer.js';
export { waitForUrl } from './fixtures/wait-for-url.js';
export type {
  AttributeMap,
  ExponentialBuckets,
  MetricPointFilter,
  MetricPointType,
  OtlpEncoding,
  OtlpReceiver,
  OtlpReceiverOptions,
  OtlpSignal,
  ReceivedExemplar,
  ReceivedLogRecord,
  ReceivedMetricPoint,
  ReceivedRequest,
  ReceivedScope,
  ReceivedSpan,
  ReceivedSpanEvent,
  ReceivedSpanKind,
  ReceivedSpanLink,
  ReceivedTelemetry,
  ReceiverMode,
  SpanFilter,
  WaitForOptions,
  WaitForSpansOptions,
} from './types.js';
