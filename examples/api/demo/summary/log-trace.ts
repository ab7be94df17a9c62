import type { ReceivedLogRecord, ReceivedSpan } from '@seda/test-utils';
import type { DemoTelemetry } from '../demo-telemetry.js';
import { formatSection } from './text-layout.js';

export const LOG_TRACE_TITLE = 'Example log record and its span';

/** The log line the example API writes for each message it stores. */
export const MESSAGE_POSTED = 'message posted';

/** A log record with the exported span it was written in. */
export interface JoinedLogRecord {
  record: ReceivedLogRecord;
  span: ReceivedSpan;
}

/**
 * Finds a log record whose trace and span ids name an exported span,
 * preferring the API's `message posted` line.
 */
export function findJoinedLogRecord(
  telemetry: Pick<DemoTelemetry, 'logs' | 'spans'>,
): JoinedLogRecord | undefined {
  const spans = new Map(telemetry.spans.map((span) => [spanKey(span), span]));
  const joined = telemetry.logs.flatMap((record) => {
    const span =
      record.spanId === undefined ? undefined : spans.get(spanKey(record));

    return span === undefined ? [] : [{ record, span }];
  });

  return (
    joined.find(({ record }) => record.body === MESSAGE_POSTED) ?? joined[0]
  );
}

/** Returns whether a log record's trace id is that of an exported span. */
export function hasLogInExportedTrace(
  telemetry: Pick<DemoTelemetry, 'logs' | 'spans'>,
): boolean {
  const traces = new Set(telemetry.spans.map((span) => span.traceId));

  return telemetry.logs.some(
    (record) => record.traceId !== undefined && traces.has(record.traceId),
  );
}

export function formatLogTrace(telemetry: DemoTelemetry): string {
  const joined = findJoinedLogRecord(telemetry);

  if (joined === undefined) {
    return formatSection(LOG_TRACE_TITLE, [
      `${telemetry.logs.length} log records, none with the ids of an exported span.`,
    ]);
  }

  const { record, span } = joined;

  return formatSection(LOG_TRACE_TITLE, [
    `${telemetry.logs.length} log records arrived; one of them, joined to its span by trace id:`,
    `log   ${formatRecord(record)}`,
    `      trace ${record.traceId} span ${record.spanId}`,
    `span  ${span.name} [${span.kind}], ${formatMillis(span)} ms`,
    `      trace ${span.traceId} span ${span.spanId}`,
    `      in ${ancestry(span, telemetry.spans).join(' → ')}`,
  ]);
}

function formatRecord(record: ReceivedLogRecord): string {
  const time = new Date(Number(record.timeUnixNano / 1_000_000n)).toISOString();
  const attributes = Object.entries(record.attributes)
    .map(([key, value]) => `${key}=${formatValue(value)}`)
    .join(' ');
  const severity = `${record.severityText} (severity ${record.severityNumber})`;

  return `${time} ${severity} ${formatValue(record.body)} ${attributes}`.trimEnd();
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'bigint' ? item.toString() : item,
  );
}

function formatMillis(span: ReceivedSpan): string {
  return (Number(span.endTimeUnixNano - span.startTimeUnixNano) / 1e6).toFixed(
    1,
  );
}

/** Names of the span's ancestors from the root down to the span itself. */
function ancestry(
  span: ReceivedSpan,
  spans: readonly ReceivedSpan[],
): string[] {
  const byId = new Map(
    spans.map((candidate) => [spanKey(candidate), candidate]),
  );
  const names: string[] = [];

  for (
    let current: ReceivedSpan | undefined = span;
    current !== undefined && names.length < 20;
    current =
      current.parentSpanId === undefined
        ? undefined
        : byId.get(`${current.traceId}/${current.parentSpanId}`)
  ) {
    names.unshift(`${current.name} [${current.kind}]`);
  }
  return names;
}

function spanKey(item: { traceId?: string; spanId?: string }): string {
  return `${item.traceId}/${item.spanId}`;
}
