import type { KeyRedactor } from './redaction.js';

/** Replaces a reference to an object that contains it. */
export const CIRCULAR = '[Circular]';

/** Replaces what lies deeper than {@link MAX_DEPTH}, secrets included. */
export const TRUNCATED = '[Truncated]';

/** Replaces a value whose getter or `toJSON` threw. */
export const UNSERIALIZABLE = '[Unserializable]';

/** Nesting depth kept in a record; deeper values become {@link TRUNCATED}. */
export const MAX_DEPTH = 12;

/** Error fields written first and in this order, whatever the error defines. */
const ERROR_FIELDS = new Set(['name', 'message', 'stack', 'cause', 'errors']);

/**
 * Copies log context into plain JSON values: secrets under redacted keys
 * replaced, errors as `{ name, message, stack, cause, ... }` at any depth,
 * circular references as {@link CIRCULAR}, `bigint` as a string, dates as
 * ISO strings and functions dropped. It never changes its input and never
 * throws: a value whose getter or `toJSON` throws becomes
 * {@link UNSERIALIZABLE}.
 */
export class RecordShaper {
  constructor(readonly redactor: KeyRedactor) {}

  /** Shapes the fields of a record; top-level keys are redacted too. */
  shapeFields(
    fields: Readonly<Record<string, unknown>>,
  ): Record<string, unknown> {
    return this.shapeEntries(Object.entries(fields), [], 0);
  }

  /** Shapes one value of a record. */
  shapeValue(value: unknown): unknown {
    return this.shape(value, [], 0);
  }

  /** Serialises an error with its cause chain. */
  shapeError(error: Error): Record<string, unknown> {
    return this.serializeError(error, [], 0);
  }

  private shape(value: unknown, ancestors: object[], depth: number): unknown {
    switch (typeof value) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'undefined':
        return value;
      case 'bigint':
      case 'symbol':
        return value.toString();
      case 'function':
        return undefined;
    }
    if (value === null) return null;
    return this.shapeObject(value as object, ancestors, depth);
  }

  private shapeObject(
    value: object,
    ancestors: object[],
    depth: number,
  ): unknown {
    if (ancestors.includes(value)) return CIRCULAR;
    if (depth >= MAX_DEPTH) return TRUNCATED;
    if (isError(value)) return this.serializeError(value, ancestors, depth);
    if (value instanceof Date) {
      return Number.isNaN(value.getTime())
        ? 'Invalid Date'
        : value.toISOString();
    }
    if (ArrayBuffer.isView(value)) {
      return `[${value.constructor.name} of ${value.byteLength} bytes]`;
    }

    ancestors.push(value);
    try {
      return this.shapeContainer(value, ancestors, depth + 1);
    } catch {
      return UNSERIALIZABLE;
    } finally {
      ancestors.pop();
    }
  }

  private shapeContainer(
    value: object,
    ancestors: object[],
    depth: number,
  ): unknown {
    if (Array.isArray(value)) {
      return value.map((item) => this.shape(item, ancestors, depth) ?? null);
    }
    if (value instanceof Map) {
      const entries = [...value].map(
        ([key, item]) => [String(key), item] as const,
      );
      return this.shapeEntries(entries, ancestors, depth);
    }
    if (value instanceof Set) {
      return [...value].map(
        (item) => this.shape(item, ancestors, depth) ?? null,
      );
    }
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      return this.shape(toJSON.call(value), ancestors, depth);
    }
    return this.shapeEntries(Object.entries(value), ancestors, depth);
  }

  private shapeEntries(
    entries: readonly (readonly [string, unknown])[],
    ancestors: object[],
    depth: number,
  ): Record<string, unknown> {
    const shaped: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const value = this.redactor.isSecret(key)
        ? this.redactor.replacement
        : this.shape(item, ancestors, depth);
      if (value !== undefined) shaped[key] = value;
    }
    return shaped;
  }

  private serializeError(
    error: Error,
    ancestors: object[],
    depth: number,
  ): Record<string, unknown> {
    ancestors.push(error);
    try {
      return this.copyError(error, ancestors, depth);
    } catch {
      return { name: 'Error', message: UNSERIALIZABLE };
    } finally {
      ancestors.pop();
    }
  }

  // NOTE: lines keep the whole cause chain, but OTLP records do not. The
  // SDK maps only the top error to `exception.*`, winston's transport adds
  // the first cause as `err.cause.*`, and the pino instrumentation's stream
  // keeps no cause at all.
  private copyError(
    error: Error,
    ancestors: object[],
    depth: number,
  ): Record<string, unknown> {
    const shaped: Record<string, unknown> = {
      name: String(error.name),
      message: String(error.message),
    };
    if (typeof error.stack === 'string') shaped.stack = error.stack;

    const own = Object.entries(error).filter(([key]) => !ERROR_FIELDS.has(key));
    Object.assign(shaped, this.shapeEntries(own, ancestors, depth + 1));
    if (error.cause !== undefined) {
      shaped.cause = this.shape(error.cause, ancestors, depth + 1);
    }
    if (error instanceof AggregateError) {
      shaped.errors = this.shape(error.errors, ancestors, depth + 1);
    }
    return shaped;
  }
}

/** Recognises errors from other realms too, such as `vm` contexts. */
export function isError(value: unknown): value is Error {
  return (
    value instanceof Error ||
    Object.prototype.toString.call(value) === '[object Error]'
  );
}
