import { context } from '@opentelemetry/api';
import type winston from 'winston';
import { loadModule } from '../../exporters/load.js';
import { TRACE_FIELD_NAMES, traceFields } from '../correlation.js';
import { loadPeer, setUpLogger } from '../setup.js';
import { isError } from '../shape.js';
import type { WinstonLoggerOptions } from '../types.js';
import { recordFormat } from './formats.js';
import { lineTransports, type WinstonWithTransport } from './outputs.js';
import { WINSTON_SEVERITIES } from './severity.js';
import { OTEL_CONTEXT, TIMESTAMP } from './symbols.js';

type WinstonTransportModule = typeof import('@opentelemetry/winston-transport');
type Info = Record<string | symbol, unknown>;

/**
 * Creates a winston logger that writes one JSON object per line, or pretty
 * lines on a terminal, to the console and optionally to files. Each line
 * has `timestamp`, `level`, `message` and `service.name`, and inside a span
 * `trace_id`, `span_id` and `trace_flags` too. Every record also goes to the
 * OpenTelemetry logs pipeline through `@opentelemetry/winston-transport`.
 * Create it after `startTelemetry()`, like the application's other modules.
 *
 * An invalid option or variable is reported and its default used, and a
 * file that cannot be opened is reported and left out.
 *
 * @throws Error when winston is not installed.
 */
export function createWinstonLogger(
  options: WinstonLoggerOptions = {},
): winston.Logger {
  const library = loadPeer<WinstonWithTransport>(
    'winston',
    'createWinstonLogger',
  );
  const levels =
    options.levels === 'syslog'
      ? library.config.syslog.levels
      : library.config.npm.levels;
  const setup = setUpLogger(options, Object.keys(levels));

  const logger = library.createLogger({
    levels,
    level: setup.settings.level,
    defaultMeta: options.defaultMeta,
    format: recordFormat(library.format, setup.shaper),
    transports: lineTransports(library, setup),
    exitOnError: false,
  });
  stampLogCalls(logger);
  connectOtlp(logger, options.otlp ?? true);
  return logger;
}

/**
 * Records the time, trace fields and context of each log call while the
 * caller's context is active. winston may run its formats later, when its
 * stream is busy, and by then another context can be active.
 */
function stampLogCalls(logger: winston.Logger): void {
  const write = logger.write.bind(logger) as (
    info: unknown,
    ...rest: unknown[]
  ) => boolean;
  logger.write = ((info: unknown, ...rest: unknown[]) => {
    if (info !== null && typeof info === 'object') stamp(info as Info);
    return write(info, ...rest);
  }) as winston.Logger['write'];
}

function stamp(info: Info): void {
  // winston passes an error logged on its own as the record itself, so an
  // Error logged again still carries the time and trace fields of its
  // previous log call.
  if (isError(info)) {
    delete info[TIMESTAMP];
    delete info[OTEL_CONTEXT];
    for (const name of TRACE_FIELD_NAMES) delete info[name];
  }
  info[TIMESTAMP] ??= Date.now();
  info[OTEL_CONTEXT] ??= context.active();
  if (info.trace_id === undefined) {
    const fields = traceFields();
    if (fields) Object.assign(info, fields);
  }
}

/**
 * Keeps exactly one OpenTelemetry transport when `enabled`: the one
 * `@opentelemetry/instrumentation-winston` adds to every logger created
 * while it is enabled, or else one added here, when winston was loaded
 * before the SDK started or the instrumentation is switched off. Removes it
 * when not `enabled`.
 */
function connectOtlp(logger: winston.Logger, enabled: boolean): void {
  const existing = logger.transports.filter(isOpenTelemetryTransport);
  if (!enabled) {
    for (const transport of existing) logger.remove(transport);
    return;
  }
  if (existing.length > 0) return;

  const { OpenTelemetryTransportV3 } = loadModule<WinstonTransportModule>(
    '@opentelemetry/winston-transport',
  );
  const severityMapping = WINSTON_SEVERITIES as NonNullable<
    ConstructorParameters<typeof OpenTelemetryTransportV3>[0]
  >['severityMapping'];
  logger.add(new OpenTelemetryTransportV3({ severityMapping }));
}

function isOpenTelemetryTransport(transport: winston.transport): boolean {
  return transport.constructor.name === 'OpenTelemetryTransportV3';
}
