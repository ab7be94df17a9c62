import type {
  ReceivedLogRecord,
  ReceivedMetricPoint,
  ReceivedRequest,
  ReceivedSpan,
  ReceivedTelemetry,
} from '../types.js';

const MAX_LISTED = 20;

function listSection<T>(
  title: string,
  items: readonly T[],
  describe: (item: T) => string,
): string {
  if (items.length === 0) return `${title}: none`;

  const lines = items.slice(0, MAX_LISTED).map((item) => `  ${describe(item)}`);
  const hidden = items.length - lines.length;

  if (hidden > 0) lines.push(`  … and ${hidden} more`);
  return [`${title} (${items.length}):`, ...lines].join('\n');
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  try {
    return JSON.stringify(value, (_key, item: unknown) =>
      typeof item === 'bigint' ? `${item}n` : item,
    );
  } catch {
    // A value with a cycle cannot come from a decoder, only from a test.
    return String(value);
  }
}

export function formatAttributes(attributes: Record<string, unknown>): string {
  const entries = Object.entries(attributes);

  if (entries.length === 0) return '';
  const pairs = entries.map(([key, value]) => `${key}=${formatValue(value)}`);

  return `{${pairs.join(', ')}}`;
}

function describeRequest(request: ReceivedRequest): string {
  const parts = [
    `${request.method} ${request.path}`,
    request.contentType ?? 'no Content-Type',
    request.contentEncoding ?? 'uncompressed',
    `${request.byteLength} B`,
    `${request.itemCount} ${request.itemCount === 1 ? 'item' : 'items'}`,
    `→ ${request.status ?? 'no response yet'}`,
  ];

  if (request.error !== undefined) parts.push(`(${request.error})`);
  return parts.join(', ');
}

function describeSpan(span: ReceivedSpan): string {
  const service = span.resource['service.name'];

  const parts = [
    `${span.name} [${span.kind}]`,
    `trace ${span.traceId.slice(0, 8)}…`,
    `span ${span.spanId}`,
  ];

  if (span.parentSpanId) parts.push(`parent ${span.parentSpanId}`);
  if (service !== undefined) parts.push(`service ${formatValue(service)}`);
  return parts.join(' ');
}

function describePoint(point: ReceivedMetricPoint): string {
  const value =
    point.value ?? (point.count === undefined ? '' : `count ${point.count}`);

  const attributes = formatAttributes(point.attributes);

  return `${point.name} (${point.type}) ${attributes} ${value}`.trim();
}

function describeLog(record: ReceivedLogRecord): string {
  const severity = record.severityText || `severity ${record.severityNumber}`;

  const body = formatValue(record.body ?? '');

  return `${severity}: ${body} ${formatAttributes(record.attributes)}`.trim();
}

/** Lists what a receiver holds, for failure messages. */
export function describeReceived(received: ReceivedTelemetry): string {
  return [
    listSection('Requests', received.requests, describeRequest),
    listSection('Spans', received.spans, describeSpan),
    listSection('Metric points', received.metrics, describePoint),
    listSection('Log records', received.logs, describeLog),
  ].join('\n');
}
