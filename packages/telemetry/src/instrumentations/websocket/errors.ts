import { type Exception, type Span, SpanStatusCode } from '@opentelemetry/api';
import { ACK_ERROR_TYPE, ATTR_ERROR_TYPE } from './conventions.js';

/** A failure to record: what to put on the span and the bounded `error.type`. */
export interface Failure {
  readonly exception: Exception;
  readonly type: string;
}

/**
 * Describes a thrown value. `error.type` is the error's class name, which
 * the application's code bounds; anything thrown that is not an `Error` is
 * `_OTHER`.
 */
export function failureOf(error: unknown): Failure {
  if (error instanceof Error) {
    return {
      exception: error,
      type: error.constructor.name || error.name || 'Error',
    };
  }
  return {
    exception: { name: '_OTHER', message: String(error) },
    type: '_OTHER',
  };
}

/**
 * Returns the failure carried by a socket.io acknowledgement: an `Error` as
 * its first argument, or an object whose `error` field is set. Anything else
 * is a successful acknowledgement.
 */
export function ackFailureOf(first: unknown): Failure | undefined {
  if (first instanceof Error) return failureOf(first);
  if (typeof first !== 'object' || first === null || !('error' in first)) {
    return undefined;
  }

  const error: unknown = first.error;
  if (error === undefined || error === null || error === false) {
    return undefined;
  }
  if (error instanceof Error) return { exception: error, type: ACK_ERROR_TYPE };
  return {
    exception: { name: ACK_ERROR_TYPE, message: describe(error) },
    type: ACK_ERROR_TYPE,
  };
}

/** Marks `span` as failed with the exception event, status and `error.type`. */
export function recordFailure(span: Span, failure: Failure): void {
  span.recordException(failure.exception);
  span.setAttribute(ATTR_ERROR_TYPE, failure.type);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: messageOf(failure.exception),
  });
}

function messageOf(exception: Exception): string | undefined {
  return typeof exception === 'string' ? exception : exception.message;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  const message = (value as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
