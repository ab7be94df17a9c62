import { dirname } from 'node:path';
import type { DiagLogger } from '@opentelemetry/api';
import { DEFAULTS } from '../config/defaults.js';
import { describeIssue } from '../config/issues.js';
import {
  type ResolvedLoggerSettings,
  resolveLoggerSettings,
} from '../config/logger.js';
import { componentLogger, warnAboutOption } from '../diag/logger.js';
import { loadModule } from '../exporters/load.js';
import { findPackageInfo } from '../resource/package-info.js';
import { type LineOutput, openLogFile } from './file-output.js';
import { formatJsonLine, type LineRecord } from './line.js';
import { formatPrettyLine } from './pretty.js';
import { KeyRedactor } from './redaction.js';
import { runningServiceName } from './running-service.js';
import { RecordShaper } from './shape.js';
import type { LineStream, LoggerOptions } from './types.js';

/** The console output, with the function that renders its lines. */
export interface ConsoleOutput extends LineOutput {
  readonly format: 'json' | 'pretty';
  render(record: LineRecord): string;
}

/** Everything a logger factory builds its library's logger from. */
export interface LoggerSetup {
  readonly settings: ResolvedLoggerSettings;
  readonly serviceName: string;
  readonly shaper: RecordShaper;
  /** The console output and the format of its lines. */
  readonly console: ConsoleOutput;
  readonly file: LineOutput | undefined;
  readonly errorFile: LineOutput | undefined;
  readonly log: DiagLogger;
}

/**
 * Resolves the options against the environment, reports invalid values,
 * and opens the console and file outputs shared by both factories.
 */
export function setUpLogger(
  options: LoggerOptions,
  levels: readonly string[],
): LoggerSetup {
  const log = componentLogger('logs');
  const { config, issues } = resolveLoggerSettings(
    options,
    options.env ?? process.env,
    levels,
    runningServiceName(),
  );
  for (const issue of issues) {
    warnAboutOption(log, 'logs', describeIssue(issue));
  }

  const stream = options.stream ?? process.stdout;
  return {
    settings: config,
    serviceName: config.serviceName ?? packageName() ?? DEFAULTS.serviceName,
    shaper: new RecordShaper(new KeyRedactor(config.redactedKeys)),
    console: consoleOutput(stream, config),
    file:
      config.filePath === undefined
        ? undefined
        : openLogFile(config.filePath, log),
    errorFile:
      config.errorFilePath === undefined
        ? undefined
        : openLogFile(config.errorFilePath, log),
    log,
  };
}

function consoleOutput(
  stream: LineStream,
  settings: ResolvedLoggerSettings,
): ConsoleOutput {
  const pretty =
    settings.format === 'pretty' ||
    (settings.format === 'auto' && stream.isTTY === true);
  // Colour only for a terminal, and never inside a JSON line.
  const colours =
    pretty && stream.isTTY === true && (stream.hasColors?.() ?? false);
  const render = pretty
    ? (record: LineRecord) => formatPrettyLine(record, colours)
    : formatJsonLine;

  return {
    format: pretty ? 'pretty' : 'json',
    render,
    write: (line) => void stream.write(line),
    close: () => Promise.resolve(),
  };
}

/** Finds the application's package name from the entry script's folder or the working directory. */
function packageName(): string | undefined {
  const entry = process.argv[1];
  const dirs = entry ? [dirname(entry), process.cwd()] : [process.cwd()];
  return findPackageInfo(dirs).name;
}

/**
 * Loads an optional peer dependency of a factory.
 *
 * @throws Error naming the package to install when it is missing.
 */
export function loadPeer<T>(name: string, factory: string): T {
  try {
    return loadModule<T>(name);
  } catch (error) {
    throw new Error(
      `${factory}() needs the ${name} package: install it with npm install ${name}`,
      {
        cause: error,
      },
    );
  }
}
