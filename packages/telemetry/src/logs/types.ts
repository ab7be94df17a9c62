/**
 * Line format of the console output. `auto` writes `pretty` lines to an
 * interactive terminal and `json` lines anywhere else. Files always get
 * JSON lines.
 */
export type LogFormat = 'json' | 'pretty' | 'auto';

/** A console destination such as `process.stdout`. */
export interface LineStream {
  write(line: string): unknown;
  /** `true` for an interactive terminal, which `auto` formats for people. */
  readonly isTTY?: boolean;
  /** Whether the terminal shows ANSI colours; Node.js checks `NO_COLOR` and `TERM`. */
  hasColors?(): boolean;
}

/** Options of both logger factories; each overrides its environment variable. */
export interface LoggerOptions {
  /**
   * Lowest level written, a level name of the logger's level set. Default
   * `LOG_LEVEL`, else `info`. An invalid value is reported once and the
   * next source used.
   */
  level?: string;
  /**
   * `service.name` of every line. Default: the running SDK's `service.name`,
   * then `OTEL_SERVICE_NAME`, then `service.name` in
   * `OTEL_RESOURCE_ATTRIBUTES`, then the `name` in the application's
   * package.json, then `unknown_service:node`.
   */
  serviceName?: string;
  /** Default `LOG_FORMAT`, else `auto`. */
  format?: LogFormat;
  /** Destination of the console lines. Default `process.stdout`. */
  stream?: LineStream;
  /**
   * File that gets every record the logger writes, as JSON lines, appended;
   * its folder is created when missing. Default `LOG_FILE`, else none. A
   * file that cannot be written is reported, naming the path, and left out.
   */
  filePath?: string;
  /**
   * File that gets records of level `error` and more severe only, like
   * `filePath`. Default `LOG_ERROR_FILE`, else none.
   */
  errorFilePath?: string;
  /**
   * Keys whose values are replaced by `REDACTED`, added to
   * `DEFAULT_REDACTED_KEYS`. Keys match case-insensitively and ignoring `-`,
   * `_` and spaces, at any depth of the context, in arrays too, before a
   * line is written or a record exported.
   */
  redactedKeys?: string[];
  /**
   * Send the records to the OpenTelemetry logs pipeline, which exports them
   * over OTLP once the SDK runs. Default `true`.
   */
  otlp?: boolean;
  /** Environment read for unset options. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Options of `createWinstonLogger`. */
export interface WinstonLoggerOptions extends LoggerOptions {
  /**
   * Level names and their order: winston's `npm` levels (`error` to
   * `silly`) or `syslog` levels (`emerg` to `debug`). Default `npm`.
   */
  levels?: 'npm' | 'syslog';
  /** Fields added to every record, such as `{ component: 'chat' }`. */
  defaultMeta?: Record<string, unknown>;
}

/** Options of `createPinoLogger`. */
export interface PinoLoggerOptions extends LoggerOptions {
  /** Fields added to every record, as pino's child bindings. */
  bindings?: Record<string, unknown>;
}
