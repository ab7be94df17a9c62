import { inspect } from 'node:util';
import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import type { LogLevelName } from '../types.js';

const LEVELS: Record<LogLevelName, DiagLogLevel> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/** Window in which a repeated warning or error is counted instead of written. */
const REPEAT_WINDOW_MILLIS = 60_000;

const MAX_REMEMBERED_LINES = 1_000;

type Write = (line: string) => void;

/**
 * A diagnostic logger that writes one line per message to stderr, so that it
 * never mixes into an application's JSON logs on stdout. An error, warning
 * or info line that repeats (numbers aside, so retry delays and counts do
 * not make lines distinct) is written at most once a minute, with a count of
 * the repeats it held back.
 */
export class StderrDiagLogger implements DiagLogger {
  /** Last write per line shape, keyed by the line with its digits masked. */
  private readonly lastWritten = new Map<string, { at: number; held: number }>();

  constructor(
    private readonly write: Write = (line) => process.stderr.write(line),
    private readonly now: () => number = Date.now,
  ) {}

  error(message: string, ...args: unknown[]): void {
    this.limited('error', message, args);
  }

  warn(message: string, ...args: unknown[]): void {
    this.limited('warn', message, args);
  }

  info(message: string, ...args: unknown[]): void {
    this.limited('info', message, args);
  }

  debug(message: string, ...args: unknown[]): void {
    this.emit('debug', message, args);
  }

  verbose(message: string, ...args: unknown[]): void {
    this.emit('verbose', message, args);
  }

  private limited(level: string, message: string, args: unknown[]): void {
    if (configurationWarningsMuted && isConfigurationWarning(message)) return;

    const line = formatLine(level, message, args);
    const key = line.replace(/\d+/g, '#');
    const now = this.now();
    const last = this.lastWritten.get(key);
    if (last && now - last.at < REPEAT_WINDOW_MILLIS) {
      last.held += 1;
      return;
    }

    const suffix = last?.held ? ` (repeated ${last.held} more times)` : '';
    this.forgetOld(now);
    this.lastWritten.set(key, { at: now, held: 0 });
    this.write(`${line}${suffix}\n`);
  }

  /** Bounds the memory of distinct lines when messages carry varying values. */
  private forgetOld(now: number): void {
    if (this.lastWritten.size < MAX_REMEMBERED_LINES) return;
    for (const [line, entry] of this.lastWritten) {
      if (now - entry.at >= REPEAT_WINDOW_MILLIS) this.lastWritten.delete(line);
    }
  }

  private emit(level: string, message: string, args: unknown[]): void {
    this.write(`${formatLine(level, message, args)}\n`);
  }
}

/**
 * Formats `<component> <level>: <text>`. Component loggers pass their
 * namespace as the message and the real message as the first argument.
 */
function formatLine(level: string, message: string, args: unknown[]): string {
  const hasNamespace = args.length > 0 && /^@?[\w./-]+$/.test(message);
  const component = hasNamespace ? message : '@seda/telemetry';
  const parts = hasNamespace ? args : [message, ...args];
  return `${component} ${level}: ${parts.map(formatArgument).join(' ')}`;
}

function formatArgument(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return inspect(value, { depth: 3, breakLength: Infinity });
}

let configurationWarningsMuted = false;

/**
 * The OTLP exporter packages warn `Configuration: ...` about their own
 * settings, and `@opentelemetry/core` warns `Unknown value '...' for
 * OTEL_...` about a variable it cannot parse.
 */
function isConfigurationWarning(message: string): boolean {
  return message.startsWith('Configuration: ') || /^Unknown value .* for OTEL_/.test(message);
}

/**
 * Runs `create` while the configuration warnings that the OTLP exporter
 * packages write when they re-read the environment are dropped.
 */
export function muteConfigurationWarnings<T>(create: () => T): T {
  configurationWarningsMuted = true;
  try {
    return create();
  } finally {
    configurationWarningsMuted = false;
  }
}

const INSTALLED = Symbol.for('@seda/telemetry.diag-logger-installed');

/** Installs the SDK's diagnostic logger at the configured level. */
export function installDiagLogger(level: LogLevelName): void {
  (globalThis as { [INSTALLED]?: boolean })[INSTALLED] = true;
  diag.setLogger(new StderrDiagLogger(), {
    logLevel: LEVELS[level],
    suppressOverrideMessage: true,
  });
}

/** Returns a logger for one part of the SDK that prefixes each message with its name. */
export function componentLogger(component: string): DiagLogger {
  return diag.createComponentLogger({ namespace: `@seda/telemetry/${component}` });
}

let fallbackLogger: StderrDiagLogger | undefined;

/**
 * Writes a message of a part that also works without `startTelemetry`, such
 * as the health registry. Until the SDK installs its diagnostic logger the
 * global one drops everything, so the message also goes to stderr then.
 */
export function logEvenWithoutSdk(
  level: 'warn' | 'error',
  log: DiagLogger,
  component: string,
  message: string,
): void {
  log[level](message);
  if ((globalThis as { [INSTALLED]?: boolean })[INSTALLED]) return;
  fallbackLogger ??= new StderrDiagLogger();
  fallbackLogger[level](`@seda/telemetry/${component}`, message);
}

/** Warns about an invalid option, also without `startTelemetry`. */
export function warnAboutOption(log: DiagLogger, component: string, message: string): void {
  logEvenWithoutSdk('warn', log, component, message);
}
