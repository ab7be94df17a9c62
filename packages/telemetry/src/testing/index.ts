export { startTestTelemetry, type TestTelemetry } from './test-telemetry.js';
export { type MetricPoint, toMetricPoints } from './metric-points.js';
export {
  buildTraceTrees,
  DEFAULT_TREE_ATTRIBUTE_KEYS,
  type ExpectedSpanTree,
  expectTraceTree,
  findTraceTree,
  formatExpectedTree,
  formatTraceTree,
  type FormatTraceTreeOptions,
  type ReadableSpanLike,
  spanKindName,
  toTreeSpan,
  type TraceTreeNode,
  type TreeSpan,
} from './trace-tree.js';
