import { LOG_LEVELS } from './choices.js';
import { type Environment, readString } from './parse.js';

// This module imports no OpenTelemetry package, so the zero-code entry can
// read the switch before it loads the SDK.

/** The setting that turned the SDK off, as the disabled line names it. */
export type DisabledBy = 'OTEL_SDK_DISABLED=true' | 'the disabled option';

/** Returns the info line that reports a disabled SDK. */
export function disabledLine(by: DisabledBy): string {
  return `disabled by ${by}: nothing is traced, measured or exported`;
}

/** Returns whether `OTEL_SDK_DISABLED` is `true`, trimmed and in any case, as the configuration reads it. */
export function disabledByEnvironment(env: Environment): boolean {
  return readString(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true';
}

/**
 * Writes the disabled line to stderr, in the diagnostic logger's format,
 * when `OTEL_LOG_LEVEL` shows info lines. A value that is not a level counts
 * as the default, `info`.
 */
export function reportDisabledByEnvironment(
  env: Environment,
  write: (line: string) => void = (line) => process.stderr.write(line),
): void {
  const levels: readonly string[] = LOG_LEVELS;
  const level = levels.indexOf(readString(env, 'OTEL_LOG_LEVEL')?.toLowerCase() ?? 'info');
  if (level !== -1 && level < levels.indexOf('info')) return;

  write(`@seda/telemetry/sdk info: ${disabledLine('OTEL_SDK_DISABLED=true')}\n`);
}
