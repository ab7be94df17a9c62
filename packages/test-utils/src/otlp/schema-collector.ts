import type { AnyNestedObject } from 'protobufjs';

import { field, message, repeated } from './schema-builder.js';

/**
 * The request and response messages of the `collector/{trace,metrics,logs}`
 * service files (OTLP 1.x), and `google.rpc.Status`, which OTLP/HTTP servers
 * send as the body of an error response.
 */
export const collectorTypes: Record<string, AnyNestedObject> = {
  ExportTraceServiceRequest: message({
    resourceSpans: repeated('ResourceSpans', 1),
  }),
  ExportTraceServiceResponse: message({
    partialSuccess: field('ExportTracePartialSuccess', 1),
  }),
  ExportTracePartialSuccess: message({
    rejectedSpans: field('int64', 1),
    errorMessage: field('string', 2),
  }),
  ExportMetricsServiceRequest: message({
    resourceMetrics: repeated('ResourceMetrics', 1),
  }),
  ExportMetricsServiceResponse: message({
    partialSuccess: field('ExportMetricsPartialSuccess', 1),
  }),
  ExportMetricsPartialSuccess: message({
    rejectedDataPoints: field('int64', 1),
    errorMessage: field('string', 2),
  }),
  ExportLogsServiceRequest: message({
    resourceLogs: repeated('ResourceLogs', 1),
  }),
  ExportLogsServiceResponse: message({
    partialSuccess: field('ExportLogsPartialSuccess', 1),
  }),
  ExportLogsPartialSuccess: message({
    rejectedLogRecords: field('int64', 1),
    errorMessage: field('string', 2),
  }),
  // google.rpc.Status without its `details` (repeated google.protobuf.Any = 3).
  RpcStatus: message({
    code: field('int32', 1),
    message: field('string', 2),
  }),
};
