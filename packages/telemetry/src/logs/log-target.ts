/** The kinds of record the adapters write, mapped to each logger's levels. */
export type LevelKind =
  'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'verbose';

/** A winston logger, as far as the adapters use it. */
export interface WinstonLike {
  readonly levels: Readonly<Record<string, number>>;
  log(level: string, message: string, meta: object): unknown;
}

/** A pino logger, as far as the adapters use it. */
export interface PinoLike {
  readonly levels: { readonly values: Readonly<Record<string, number>> };
}

/** A logger of either library, such as one from the factories of this package. */
export type StructuredLogger = WinstonLike | PinoLike;

/** Writes records of one {@link LevelKind} to a winston or pino logger. */
export interface LogTarget {
  write(
    kind: LevelKind,
    message: string,
    fields: Record<string, unknown>,
  ): void;
}

/**
 * Level names tried for each kind, most fitting first, covering winston's
 * npm and syslog levels and pino's. The first name the logger has wins.
 */
const LEVEL_CANDIDATES: Readonly<Record<LevelKind, readonly string[]>> = {
  fatal: ['fatal', 'emerg', 'error'],
  error: ['error'],
  warn: ['warn', 'warning'],
  info: ['info'],
  debug: ['debug'],
  verbose: ['verbose', 'trace', 'debug'],
};

const KINDS = Object.keys(LEVEL_CANDIDATES) as LevelKind[];

/** Wraps a winston or pino logger, telling them apart by their `levels`. */
export function toLogTarget(logger: StructuredLogger): LogTarget {
  const pinoLevels = (logger as PinoLike).levels?.values;
  if (pinoLevels !== undefined && typeof pinoLevels === 'object') {
    return pinoTarget(
      logger as PinoLike,
      levelsByKind(Object.keys(pinoLevels)),
    );
  }
  return winstonTarget(logger as WinstonLike);
}

function winstonTarget(logger: WinstonLike): LogTarget {
  const levels = levelsByKind(Object.keys(logger.levels));
  return {
    write: (kind, message, fields) => logger.log(levels[kind], message, fields),
  };
}

function pinoTarget(
  logger: PinoLike,
  levels: Record<LevelKind, string>,
): LogTarget {
  type Method = (fields: object, message: string) => void;
  const methods = logger as unknown as Record<string, Method>;
  return {
    write: (kind, message, fields) =>
      methods[levels[kind]]?.call(logger, fields, message),
  };
}

function levelsByKind(names: readonly string[]): Record<LevelKind, string> {
  const chosen = {} as Record<LevelKind, string>;
  for (const kind of KINDS) {
    chosen[kind] =
      LEVEL_CANDIDATES[kind].find((name) => names.includes(name)) ??
      names[0] ??
      'info';
  }
  return chosen;
}
