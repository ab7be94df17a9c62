/** winston's own record keys, from `triple-beam`. */
export const LEVEL = Symbol.for('level');
export const SPLAT = Symbol.for('splat');

/**
 * Key under which `@opentelemetry/instrumentation-winston` stores the
 * context of the log call, and from which
 * `@opentelemetry/winston-transport` takes the record's trace context.
 */
export const OTEL_CONTEXT = Symbol.for(
  'opentelemetry.js.contrib.winston.context',
);

/** Time of the log call in epoch milliseconds, shared by every output. */
export const TIMESTAMP = Symbol.for('@seda/telemetry.log-time');
