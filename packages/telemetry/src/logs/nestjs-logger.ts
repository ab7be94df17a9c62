import type { LoggerService, LogLevel } from '@nestjs/common';
import { forwardDiagnostics } from './diagnostics.js';
import {
  type LevelKind,
  type LogTarget,
  type StructuredLogger,
  toLogTarget,
} from './log-target.js';
import { readNestArguments } from './nest-arguments.js';

/** Options of {@link NestLogger}. */
export interface NestLoggerOptions {
  /**
   * Write the SDK's own diagnostic lines (export errors, warnings and the
   * shutdown line, at `OTEL_LOG_LEVEL`) through this logger instead of to
   * stderr, from now on. Default `false`. See `forwardDiagnostics`.
   */
  sdkDiagnostics?: boolean;
}

const KIND_OF: Readonly<Record<LogLevel, LevelKind>> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'verbose',
};

/**
 * A NestJS `LoggerService` that writes Nest's logs, and those of every
 * `new Logger(...)`, through a winston or pino logger, such as one from
 * `createWinstonLogger()`. They get the same JSON lines, files, redaction
 * and OTLP records as the application's own logs, with the Nest context
 * (the class name) as `context`. Pass it as
 * `NestFactory.create(module, { logger })` or to `app.useLogger()`.
 */
export class NestLogger implements LoggerService {
  private readonly target: LogTarget;
  /** Levels allowed by `setLogLevels`; all when unset, leaving it to the logger's level. */
  private allowed: ReadonlySet<LogLevel> | undefined;

  constructor(logger: StructuredLogger, options: NestLoggerOptions = {}) {
    this.target = toLogTarget(logger);
    if (options.sdkDiagnostics) forwardDiagnostics(logger);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  setLogLevels(levels: LogLevel[]): void {
    this.allowed = new Set(levels);
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    if (this.allowed && !this.allowed.has(level)) return;

    const takesStack = level === 'error' || level === 'fatal';
    const record = readNestArguments(message, params, takesStack);
    this.target.write(KIND_OF[level], record.message, record.fields);
  }
}
