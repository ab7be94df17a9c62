import { randomBytes } from 'node:crypto';

/** A caller's span, as a W3C `traceparent` header carries it. */
export interface CallerSpan {
  traceId: string;
  spanId: string;
  /** The `traceparent` header value, version 00. */
  traceparent: string;
}

/** Makes a random caller span whose sampled flag is `sampled`. */
export function callerSpan(sampled: boolean): CallerSpan {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  const flags = sampled ? '01' : '00';
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-${flags}` };
}
