import type { LogFormat, LoggerOptions } from '../logs/types.js';
import { type ConfigIssue, IssueCollector } from './issues.js';
import {
  checkNameList,
  type Environment,
  readChoice,
  readKeyValues,
  readString,
} from './parse.js';

/** Defaults of the logger factories. */
export const LOGGER_DEFAULTS = {
  level: 'info',
  format: 'auto' as LogFormat,
} as const;

const FORMATS: readonly LogFormat[] = ['json', 'pretty', 'auto'];

/** Logger settings after options, environment and defaults. */
export interface ResolvedLoggerSettings {
  readonly level: string;
  readonly format: LogFormat;
  /** `undefined` when neither the option nor a variable names the service. */
  readonly serviceName: string | undefined;
  readonly filePath: string | undefined;
  readonly errorFilePath: string | undefined;
  readonly redactedKeys: readonly string[];
}

/** Resolved settings and the invalid values met on the way. */
export interface LoggerResolution {
  readonly config: ResolvedLoggerSettings;
  readonly issues: readonly ConfigIssue[];
}

/**
 * Merges logger options over `LOG_LEVEL`, `LOG_FORMAT`, `LOG_FILE`,
 * `LOG_ERROR_FILE`, `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES`.
 * `levels` are the level names of the logger being built, and
 * `runningServiceName` the `service.name` of a running SDK, which wins over
 * the variables.
 */
export function resolveLoggerSettings(
  options: LoggerOptions,
  env: Environment,
  levels: readonly string[],
  runningServiceName?: string,
): LoggerResolution {
  const issues = new IssueCollector();
  const config: ResolvedLoggerSettings = {
    level: resolveLevel(options.level, env, levels, issues),
    format:
      checkedFormat(options.format, issues) ??
      readChoice(env, 'LOG_FORMAT', FORMATS, LOGGER_DEFAULTS.format, issues) ??
      LOGGER_DEFAULTS.format,
    serviceName:
      nonEmpty(options.serviceName) ??
      runningServiceName ??
      readString(env, 'OTEL_SERVICE_NAME') ??
      readKeyValues(env, 'OTEL_RESOURCE_ATTRIBUTES', issues)?.['service.name'],
    filePath: nonEmpty(options.filePath) ?? readString(env, 'LOG_FILE'),
    errorFilePath:
      nonEmpty(options.errorFilePath) ?? readString(env, 'LOG_ERROR_FILE'),
    redactedKeys: checkNameList('options.redactedKeys', options.redactedKeys, issues),
  };
  return { config, issues: issues.issues };
}

function resolveLevel(
  option: string | undefined,
  env: Environment,
  levels: readonly string[],
  issues: IssueCollector,
): string {
  const fallback = levels.includes(LOGGER_DEFAULTS.level)
    ? LOGGER_DEFAULTS.level
    : (levels[0] ?? LOGGER_DEFAULTS.level);
  const fromEnv = readChoice(env, 'LOG_LEVEL', levels, fallback, issues);
  if (option === undefined) return fromEnv ?? fallback;

  const level = option.trim().toLowerCase();
  if (levels.includes(level)) return level;

  issues.add({
    source: 'options.level',
    value: option,
    expected: `one of ${levels.join(', ')}`,
    fallback: fromEnv ?? fallback,
  });
  return fromEnv ?? fallback;
}

function checkedFormat(
  option: LogFormat | undefined,
  issues: IssueCollector,
): LogFormat | undefined {
  if (option === undefined || FORMATS.includes(option)) return option;

  issues.add({
    source: 'options.format',
    value: option,
    expected: `one of ${FORMATS.join(', ')}`,
    fallback: 'LOG_FORMAT or auto',
  });
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
