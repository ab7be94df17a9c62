import type { AnyNestedObject } from 'protobufjs';

import { enumeration, field, message, repeated } from './schema-builder.js';

/** Messages of `opentelemetry/proto/trace/v1/trace.proto` (OTLP 1.x). */
export const traceTypes: Record<string, AnyNestedObject> = {
  ResourceSpans: message({
    resource: field('Resource', 1),
    scopeSpans: repeated('ScopeSpans', 2),
    schemaUrl: field('string', 3),
  }),
  ScopeSpans: message({
    scope: field('InstrumentationScope', 1),
    spans: repeated('Span', 2),
    schemaUrl: field('string', 3),
  }),
  Span: message({
    traceId: field('bytes', 1),
    spanId: field('bytes', 2),
    traceState: field('string', 3),
    parentSpanId: field('bytes', 4),
    flags: field('fixed32', 16),
    name: field('string', 5),
    kind: field('SpanKind', 6),
    startTimeUnixNano: field('fixed64', 7),
    endTimeUnixNano: field('fixed64', 8),
    attributes: repeated('KeyValue', 9),
    droppedAttributesCount: field('uint32', 10),
    events: repeated('SpanEvent', 11),
    droppedEventsCount: field('uint32', 12),
    links: repeated('SpanLink', 13),
    droppedLinksCount: field('uint32', 14),
    status: field('Status', 15),
  }),
  SpanKind: enumeration({
    SPAN_KIND_UNSPECIFIED: 0,
    SPAN_KIND_INTERNAL: 1,
    SPAN_KIND_SERVER: 2,
    SPAN_KIND_CLIENT: 3,
    SPAN_KIND_PRODUCER: 4,
    SPAN_KIND_CONSUMER: 5,
  }),
  // Span.Event in the .proto file.
  SpanEvent: message({
    timeUnixNano: field('fixed64', 1),
    name: field('string', 2),
    attributes: repeated('KeyValue', 3),
    droppedAttributesCount: field('uint32', 4),
  }),
  // Span.Link in the .proto file.
  SpanLink: message({
    traceId: field('bytes', 1),
    spanId: field('bytes', 2),
    traceState: field('string', 3),
    attributes: repeated('KeyValue', 4),
    droppedAttributesCount: field('uint32', 5),
    flags: field('fixed32', 6),
  }),
  Status: message({
    message: field('string', 2),
    code: field('StatusCode', 3),
  }),
  StatusCode: enumeration({
    STATUS_CODE_UNSET: 0,
    STATUS_CODE_OK: 1,
    STATUS_CODE_ERROR: 2,
  }),
};
