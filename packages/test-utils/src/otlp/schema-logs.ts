import type { AnyNestedObject } from 'protobufjs';

import { field, message, repeated } from './schema-builder.js';

/**
 * Messages of `opentelemetry/proto/logs/v1/logs.proto` (OTLP 1.x). The
 * severity is an `int32` here rather than the 25-value `SeverityNumber` enum,
 * because both have the same wire form and the receiver reports the number.
 */
export const logTypes: Record<string, AnyNestedObject> = {
  ResourceLogs: message({
    resource: field('Resource', 1),
    scopeLogs: repeated('ScopeLogs', 2),
    schemaUrl: field('string', 3),
  }),
  ScopeLogs: message({
    scope: field('InstrumentationScope', 1),
    logRecords: repeated('LogRecord', 2),
    schemaUrl: field('string', 3),
  }),
  LogRecord: message({
    timeUnixNano: field('fixed64', 1),
    observedTimeUnixNano: field('fixed64', 11),
    severityNumber: field('int32', 2),
    severityText: field('string', 3),
    body: field('AnyValue', 5),
    attributes: repeated('KeyValue', 6),
    droppedAttributesCount: field('uint32', 7),
    flags: field('fixed32', 8),
    traceId: field('bytes', 9),
    spanId: field('bytes', 10),
    eventName: field('string', 12),
  }),
};
