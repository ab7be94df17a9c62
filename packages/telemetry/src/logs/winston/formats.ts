import type winston from 'winston';
import { TRACE_FIELD_NAMES } from '../correlation.js';
import { messageText } from '../line.js';
import { isError, type RecordShaper } from '../shape.js';
import { LEVEL, OTEL_CONTEXT, SPLAT, TIMESTAMP } from './symbols.js';

type Info = winston.Logform.TransformableInfo &
  Record<string | symbol, unknown>;
type Format = winston.Logform.Format;
type FormatApi = typeof winston.format;

/** Fields that winston or the correlation add to an error logged by itself. */
const ADDED_TO_ERRORS = new Set<string>(['level', ...TRACE_FIELD_NAMES]);

/** Symbols a record keeps through the formats: level, time and context. */
const KEPT_SYMBOLS = [LEVEL, TIMESTAMP, OTEL_CONTEXT] as const;

/**
 * Builds the logger-level formats: errors moved to `err`, `%s` placeholders
 * filled, then every field shaped and redacted. They run before any
 * transport, the OpenTelemetry one included, so no output receives a raw
 * value.
 */
export function recordFormat(format: FormatApi, shaper: RecordShaper): Format {
  return format.combine(
    format((info) => captureErrors(info as Info, shaper))(),
    format.splat(),
    format((info) => shapeRecord(info as Info, shaper))(),
  );
}

/**
 * Finds the error of `logger.error(err)`, `logger.log({ message: err })`
 * and `logger.info('text', err)` and puts it, serialised, under `err`.
 */
function captureErrors(info: Info, shaper: RecordShaper): Info {
  if (isError(info)) return fromError(info, shaper);

  if (isError(info.message)) {
    const error = info.message;
    info.message = error.message;
    info.err ??= serializeLogged(error, shaper);
    return info;
  }

  // winston copies `stack` and `cause` of an error given as metadata onto
  // the record itself; the error is the first splat argument.
  const splat = info[SPLAT];
  const first = Array.isArray(splat) ? (splat[0] as unknown) : undefined;
  if (isError(first) && info.stack === first.stack) {
    info.err ??= serializeLogged(first, shaper);
    delete info.stack;
    delete info.cause;
  }
  return info;
}

function fromError(error: Error & Info, shaper: RecordShaper): Info {
  const info: Info = {
    level: error.level,
    message: error.message,
    err: serializeLogged(error, shaper),
  };
  for (const name of TRACE_FIELD_NAMES) {
    if (error[name] !== undefined) info[name] = error[name];
  }
  for (const symbol of [...KEPT_SYMBOLS, SPLAT]) info[symbol] = error[symbol];
  return info;
}

function serializeLogged(
  error: Error,
  shaper: RecordShaper,
): Record<string, unknown> {
  const serialized = shaper.shapeError(error);
  for (const name of ADDED_TO_ERRORS) delete serialized[name];
  return serialized;
}

/**
 * Copies the record into plain JSON values. The splat arguments are left
 * behind: they hold the caller's unshaped values, which the OpenTelemetry
 * transport would otherwise read.
 */
function shapeRecord(info: Info, shaper: RecordShaper): Info {
  const { level, message, ...fields } = info;
  const shaped: Info = {
    level,
    message:
      typeof message === 'string'
        ? message
        : messageText(shaper.shapeValue(message)),
    ...shaper.shapeFields(fields),
  };
  for (const symbol of KEPT_SYMBOLS) {
    if (info[symbol] !== undefined) shaped[symbol] = info[symbol];
  }
  return shaped;
}
