import type { AnyValue } from '@opentelemetry/api';
import type {
  LogRecordProcessor,
  ReadWriteLogRecord,
} from '@opentelemetry/sdk-logs';
import type { KeyRedactor } from './redaction.js';
import { MAX_DEPTH, TRUNCATED } from './shape.js';

/**
 * Replaces the values of secret keys in the attributes and the body of
 * every log record, at any depth and in arrays, whichever logger or
 * instrumentation emitted it. It is registered before the exporting
 * processors, which then only see redacted records.
 */
export class RedactingLogRecordProcessor implements LogRecordProcessor {
  constructor(private readonly redactor: KeyRedactor) {}

  onEmit(record: ReadWriteLogRecord): void {
    for (const [key, value] of Object.entries(record.attributes)) {
      const redacted = this.redactor.isSecret(key)
        ? this.redactor.replacement
        : this.redact(value, 0);
      if (redacted !== value) record.setAttribute(key, redacted);
    }

    const body = this.redact(record.body, 0);
    if (body !== record.body) record.setBody(body);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  /** Returns `value` itself when it contains no secret, so clean records are not copied. */
  private redact(
    value: AnyValue | undefined,
    depth: number,
  ): AnyValue | undefined {
    if (
      value === null ||
      typeof value !== 'object' ||
      value instanceof Uint8Array
    ) {
      return value;
    }
    if (depth >= MAX_DEPTH) return TRUNCATED;
    if (Array.isArray(value)) return this.redactArray(value, depth);
    return this.redactMap(value as Record<string, AnyValue>, depth);
  }

  private redactArray(values: AnyValue[], depth: number): AnyValue[] {
    let copy: AnyValue[] | undefined;
    values.forEach((item, index) => {
      const redacted = this.redact(item, depth + 1);
      if (redacted === item) return;
      copy ??= [...values];
      copy[index] = redacted as AnyValue;
    });
    return copy ?? values;
  }

  private redactMap(
    map: Record<string, AnyValue>,
    depth: number,
  ): Record<string, AnyValue> {
    let copy: Record<string, AnyValue> | undefined;
    for (const [key, item] of Object.entries(map)) {
      const redacted = this.redactor.isSecret(key)
        ? this.redactor.replacement
        : this.redact(item, depth + 1);
      if (redacted === item) continue;
      copy ??= { ...map };
      copy[key] = redacted as AnyValue;
    }
    return copy ?? map;
  }
}
