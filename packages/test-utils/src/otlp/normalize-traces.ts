import type {
  AttributeMap,
  ReceivedScope,
  ReceivedSpan,
  ReceivedSpanEvent,
  ReceivedSpanKind,
  ReceivedSpanLink,
} from '../types.js';
import { readAttributes } from './any-value.js';
import { walkRequest } from './walk-request.js';
import {
  readArray,
  readBigInt,
  readEnum,
  readId,
  readInteger,
  readObject,
  readString,
  OtlpDecodeError,
  type WireObject,
} from './wire-values.js';

const SPAN_KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
] as const;

const STATUS_CODE_NAMES = [
  'STATUS_CODE_UNSET',
  'STATUS_CODE_OK',
  'STATUS_CODE_ERROR',
] as const;

const STATUS_CODES = ['UNSET', 'OK', 'ERROR'] as const;

function readKind(value: unknown, path: string): ReceivedSpanKind {
  const kind = readEnum(value, SPAN_KIND_NAMES, path);
  const name = SPAN_KIND_NAMES[kind === 0 ? 1 : kind];

  if (name === undefined) return readKindFailed(kind, path);
  return name.slice('SPAN_KIND_'.length) as ReceivedSpanKind;
}

function readKindFailed(kind: number, path: string): never {
  throw new OtlpDecodeError(`${path}: unknown span kind ${kind}`);
}

function readStatus(value: unknown, path: string): ReceivedSpan['status'] {
  const status = readObject(value, path);
  const codeNumber = readEnum(status.code, STATUS_CODE_NAMES, `${path}.code`);
  const code = STATUS_CODES[codeNumber] ?? 'UNSET';
  const message = readString(status.message, `${path}.message`);

  return message === '' ? { code } : { code, message };
}

function readEvent(value: unknown, path: string): ReceivedSpanEvent {
  const event = readObject(value, path);

  return {
    name: readString(event.name, `${path}.name`),
    timeUnixNano: readBigInt(event.timeUnixNano, `${path}.timeUnixNano`),
    attributes: readAttributes(event.attributes, `${path}.attributes`),
    droppedAttributesCount: readInteger(
      event.droppedAttributesCount,
      `${path}.droppedAttributesCount`,
    ),
  };
}

function readLink(value: unknown, path: string): ReceivedSpanLink {
  const link = readObject(value, path);
  const received: ReceivedSpanLink = {
    traceId: readId(link.traceId, `${path}.traceId`),
    spanId: readId(link.spanId, `${path}.spanId`),
    attributes: readAttributes(link.attributes, `${path}.attributes`),
    droppedAttributesCount: readInteger(
      link.droppedAttributesCount,
      `${path}.droppedAttributesCount`,
    ),
  };
  const traceState = readString(link.traceState, `${path}.traceState`);

  if (traceState !== '') received.traceState = traceState;
  return received;
}

function readCount(span: WireObject, key: string, path: string): number {
  return readInteger(span[key], `${path}.${key}`);
}

function readSpan(
  value: unknown,
  path: string,
  resource: AttributeMap,
  scope: ReceivedScope,
): ReceivedSpan {
  const span = readObject(value, path);
  const events = readArray(span.events, `${path}.events`);
  const links = readArray(span.links, `${path}.links`);
  const received: ReceivedSpan = {
    traceId: readId(span.traceId, `${path}.traceId`),
    spanId: readId(span.spanId, `${path}.spanId`),
    flags: readCount(span, 'flags', path),
    name: readString(span.name, `${path}.name`),
    kind: readKind(span.kind, `${path}.kind`),
    startTimeUnixNano: readBigInt(
      span.startTimeUnixNano,
      `${path}.startTimeUnixNano`,
    ),
    endTimeUnixNano: readBigInt(
      span.endTimeUnixNano,
      `${path}.endTimeUnixNano`,
    ),
    attributes: readAttributes(span.attributes, `${path}.attributes`),
    droppedAttributesCount: readCount(span, 'droppedAttributesCount', path),
    events: events.map((event, i) => readEvent(event, `${path}.events[${i}]`)),
    droppedEventsCount: readCount(span, 'droppedEventsCount', path),
    links: links.map((link, i) => readLink(link, `${path}.links[${i}]`)),
    droppedLinksCount: readCount(span, 'droppedLinksCount', path),
    status: readStatus(span.status, `${path}.status`),
    resource,
    scope,
  };

  return withOptionalSpanFields(received, span, path);
}

function withOptionalSpanFields(
  received: ReceivedSpan,
  span: WireObject,
  path: string,
): ReceivedSpan {
  const parentSpanId = readId(span.parentSpanId, `${path}.parentSpanId`);
  const traceState = readString(span.traceState, `${path}.traceState`);

  if (parentSpanId !== '') received.parentSpanId = parentSpanId;
  if (traceState !== '') received.traceState = traceState;
  return received;
}

/** Flattens an `ExportTraceServiceRequest` object into one row per span. */
export function normalizeTraces(request: WireObject): ReceivedSpan[] {
  return walkRequest(
    request,
    { resourceKey: 'resourceSpans', scopeKey: 'scopeSpans', itemKey: 'spans' },
    (span, path, resource, scope) => [readSpan(span, path, resource, scope)],
  );
}
