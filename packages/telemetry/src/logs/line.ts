import { TRACE_FIELD_NAMES } from './correlation.js';

/** One record as the line formats receive it: shaped, redacted, JSON-safe. */
export interface LineRecord {
  /** ISO 8601 time of the log call, in UTC. */
  readonly timestamp: string;
  /** The level name of the logging library, such as `info` or `warning`. */
  readonly level: string;
  readonly message: string;
  readonly serviceName: string;
  /** Context fields, the trace fields among them when a span was active. */
  readonly fields: Readonly<Record<string, unknown>>;
}

const TRACE_FIELDS = new Set<string>(TRACE_FIELD_NAMES);

const STANDARD_FIELDS = new Set<string>([
  'timestamp',
  'level',
  'message',
  'service.name',
  ...TRACE_FIELD_NAMES,
]);

/**
 * Formats a record as one JSON object on one line: `timestamp`, `level`,
 * `message`, `service.name`, the trace fields, then the context. A context
 * field whose name a standard field takes is written with a leading `_`.
 */
export function formatJsonLine(record: LineRecord): string {
  const line: Record<string, unknown> = {
    timestamp: record.timestamp,
    level: record.level,
    message: record.message,
    'service.name': record.serviceName,
  };
  for (const name of TRACE_FIELD_NAMES) {
    if (record.fields[name] !== undefined) line[name] = record.fields[name];
  }
  for (const [key, value] of Object.entries(record.fields)) {
    if (TRACE_FIELDS.has(key)) continue;
    line[STANDARD_FIELDS.has(key) ? `_${key}` : key] = value;
  }
  return `${JSON.stringify(line)}\n`;
}

/** Turns a message of any type into the `message` string of a line. */
export function messageText(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message === undefined || message === null) return '';
  if (typeof message === 'object') return JSON.stringify(message) ?? '';
  return String(message);
}
