import type { DiagLogger } from '@opentelemetry/api';
import type pino from 'pino';
import { traceFields } from '../correlation.js';
import { runningServiceName } from '../running-service.js';
import { loadPeer, setUpLogger } from '../setup.js';
import type { RecordShaper } from '../shape.js';
import type { PinoLoggerOptions } from '../types.js';
import { PinoLineDestination } from './destination.js';

type Pino = typeof pino;

/**
 * Creates a pino logger that writes one JSON object per line, or pretty
 * lines on a terminal, to the console and optionally to files. Each line
 * has `timestamp`, `level` (the level name), `message` and `service.name`,
 * and inside a span `trace_id`, `span_id` and `trace_flags` too.
 * `@opentelemetry/instrumentation-pino` sends the records to the
 * OpenTelemetry logs pipeline, so create the logger after
 * `startTelemetry()`, once the instrumentation patches pino.
 *
 * An invalid option or variable is reported and its default used, and a
 * file that cannot be opened is reported and left out.
 *
 * @throws Error when pino is not installed.
 */
export function createPinoLogger(options: PinoLoggerOptions = {}): pino.Logger {
  const library = loadPeer<Pino>('pino', 'createPinoLogger');
  const setup = setUpLogger(options, [
    ...Object.keys(library.levels.values),
    'silent',
  ]);
  const destination = new PinoLineDestination(setup);

  const logger = library(
    {
      level: setup.settings.level,
      base: null,
      timestamp: false,
      messageKey: 'message',
      errorKey: 'err',
      // The record formatter has serialised errors already.
      serializers: { err: (value: unknown) => value },
      mixin: () => traceFields() ?? {},
      formatters: recordFormatters(setup.shaper),
    },
    destination,
  );
  shapeChildBindings(logger, setup.shaper);
  connectOtlp(library, logger, destination, options.otlp ?? true, setup.log);
  return options.bindings ? logger.child(options.bindings) : logger;
}

/**
 * Shapes and redacts the bindings of child loggers and `setBindings`,
 * which pino serialises without the `bindings` formatter: it applies that
 * formatter to the root logger's bindings only. Children inherit the
 * wrapped methods from the root through their prototype.
 */
function shapeChildBindings(logger: pino.Logger, shaper: RecordShaper): void {
  const { child, setBindings } = logger;
  logger.child = function (this: pino.Logger, bindings, options) {
    return child.call(this, shaper.shapeFields(bindings), options);
  } as pino.Logger['child'];
  logger.setBindings = function (this: pino.Logger, bindings) {
    setBindings.call(this, shaper.shapeFields(bindings));
  };
}

/**
 * Returns formatters that write level names instead of numbers, and that
 * shape and redact every field of a record and of the root's bindings
 * before pino serialises them.
 */
function recordFormatters(
  shaper: RecordShaper,
): pino.LoggerOptions['formatters'] {
  return {
    level: (label) => ({ level: label }),
    bindings: (bindings) => shaper.shapeFields(bindings),
    log: (record) => shaper.shapeFields(record),
  };
}

/** The multistream the pino instrumentation gives the loggers it patches. */
interface StreamList {
  streams?: { stream?: { constructor?: { name?: string } } }[];
}

/**
 * Puts the destination back under `otlp: false`, or reports a missing
 * instrumentation under `otlp: true`. The pino instrumentation replaces the
 * destination of each logger created while it is enabled by a multistream
 * that also feeds its OpenTelemetry stream. Without the instrumentation
 * nothing here can send the records, so a running SDK reports it.
 */
function connectOtlp(
  library: Pino,
  logger: pino.Logger,
  destination: PinoLineDestination,
  enabled: boolean,
  log: DiagLogger,
): void {
  const streamKey = library.symbols.streamSym as unknown as keyof pino.Logger;
  const current = logger[streamKey] as StreamList;
  const patched =
    current.streams?.some(
      (entry) => entry.stream?.constructor?.name === 'OTelPinoStream',
    ) ?? false;

  if (!enabled && patched) {
    (logger as unknown as Record<symbol, unknown>)[library.symbols.streamSym] =
      destination;
  } else if (enabled && !patched && runningServiceName() !== undefined) {
    log.warn(
      'pino is not instrumented, so this logger sends no OTLP log records: ' +
        'load pino after startTelemetry() and keep instrumentations.pino on',
    );
  }
}
