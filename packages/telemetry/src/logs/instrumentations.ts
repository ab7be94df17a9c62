import type { Instrumentation } from '@opentelemetry/instrumentation';
import { loadModule } from '../exporters/load.js';
import { WINSTON_SEVERITIES } from './winston/severity.js';

type WinstonInstrumentationModule =
  typeof import('@opentelemetry/instrumentation-winston');
type PinoInstrumentationModule =
  typeof import('@opentelemetry/instrumentation-pino');

/**
 * winston 3: adds the trace fields to each record and an
 * `@opentelemetry/winston-transport` transport to each logger created after
 * the SDK started, with syslog levels mapped as the OpenTelemetry log data
 * model's appendix maps them. The transport's records reach the SDK through
 * the `@opentelemetry/api-logs` bridge that `startTelemetry` installs.
 *
 * NOTE: the instrumentation requires `@opentelemetry/winston-transport`,
 * which it does not declare, from its own folder. npm, yarn and pnpm's
 * default hoisting make it resolvable; without it loggers the application
 * creates itself get no transport, while `createWinstonLogger` adds its own.
 */
export function createWinstonInstrumentation(): Instrumentation {
  const { WinstonInstrumentation } = loadModule<WinstonInstrumentationModule>(
    '@opentelemetry/instrumentation-winston',
  );
  return new WinstonInstrumentation({
    severityMapping: { ...WINSTON_SEVERITIES },
  });
}

/**
 * pino 5.14 to 10: adds the trace fields to each record through pino's
 * `mixin`. It also wraps each logger's destination in a multistream whose
 * second stream emits to the `logs` API of `@opentelemetry/api`, with
 * pino's six levels mapped to TRACE, DEBUG, INFO, WARN, ERROR and FATAL.
 */
export function createPinoInstrumentation(): Instrumentation {
  const { PinoInstrumentation } = loadModule<PinoInstrumentationModule>(
    '@opentelemetry/instrumentation-pino',
  );
  return new PinoInstrumentation();
}
