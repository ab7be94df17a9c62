import type {
  AttributeMap,
  ReceivedLogRecord,
  ReceivedScope,
} from '../types.js';
import { readAnyValue, readAttributes } from './any-value.js';
import { walkRequest } from './walk-request.js';
import {
  readBigInt,
  readId,
  readInteger,
  readObject,
  readString,
  type WireObject,
} from './wire-values.js';

function readLogRecord(
  value: unknown,
  path: string,
  resource: AttributeMap,
  scope: ReceivedScope,
): ReceivedLogRecord {
  const record = readObject(value, path);
  const received: ReceivedLogRecord = {
    timeUnixNano: readBigInt(record.timeUnixNano, `${path}.timeUnixNano`),
    observedTimeUnixNano: readBigInt(
      record.observedTimeUnixNano,
      `${path}.observedTimeUnixNano`,
    ),
    severityNumber: readInteger(
      record.severityNumber,
      `${path}.severityNumber`,
    ),
    severityText: readString(record.severityText, `${path}.severityText`),
    attributes: readAttributes(record.attributes, `${path}.attributes`),
    droppedAttributesCount: readInteger(
      record.droppedAttributesCount,
      `${path}.droppedAttributesCount`,
    ),
    flags: readInteger(record.flags, `${path}.flags`),
    resource,
    scope,
  };

  return withOptionalLogFields(received, record, path);
}

function withOptionalLogFields(
  received: ReceivedLogRecord,
  record: WireObject,
  path: string,
): ReceivedLogRecord {
  const traceId = readId(record.traceId, `${path}.traceId`);
  const spanId = readId(record.spanId, `${path}.spanId`);
  const eventName = readString(record.eventName, `${path}.eventName`);

  if (record.body !== undefined && record.body !== null) {
    received.body = readAnyValue(record.body, `${path}.body`);
  }
  if (traceId !== '') received.traceId = traceId;
  if (spanId !== '') received.spanId = spanId;
  if (eventName !== '') received.eventName = eventName;
  return received;
}

/** Flattens an `ExportLogsServiceRequest` object into one row per record. */
export function normalizeLogs(request: WireObject): ReceivedLogRecord[] {
  return walkRequest(
    request,
    {
      resourceKey: 'resourceLogs',
      scopeKey: 'scopeLogs',
      itemKey: 'logRecords',
    },
    (record, path, resource, scope) => [
      readLogRecord(record, path, resource, scope),
    ],
  );
}
