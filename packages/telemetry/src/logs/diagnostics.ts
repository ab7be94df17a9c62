import { diag, DiagLogLevel } from '@opentelemetry/api';
import type { Environment } from '../config/parse.js';
import { resolveConfig } from '../config/resolve.js';
import { installDiagLogger, StderrDiagLogger } from '../diag/logger.js';
import type { LogLevelName } from '../types.js';
import {
  type LevelKind,
  type StructuredLogger,
  toLogTarget,
} from './log-target.js';

/** Options of {@link forwardDiagnostics}. */
export interface ForwardDiagnosticsOptions {
  /** Lowest diagnostic level forwarded. Default `OTEL_LOG_LEVEL`, else `info`. */
  level?: LogLevelName;
  /** Environment read for an unset `level`. Default `process.env`. */
  env?: Environment;
}

/** A line of `StderrDiagLogger`: `<component> <level>: <text>`. */
const DIAG_LINE = /^(\S+) (error|warn|info|debug|verbose): ([\s\S]*?)\n?$/;

/**
 * Writes the SDK's diagnostic messages (export errors, warnings, the
 * shutdown line, and more at a higher `OTEL_LOG_LEVEL`) through `logger`
 * from now on, each with `component` naming the part of the SDK, instead of
 * to stderr. Repeats are held back as on stderr. Returns the function that
 * puts the stderr output back.
 *
 * NOTE: lines written before this call, the start line among them, stay
 * on stderr: the logger can only be created once the SDK has started.
 */
export function forwardDiagnostics(
  logger: StructuredLogger,
  options: ForwardDiagnosticsOptions = {},
): () => void {
  const level = resolveConfig(
    { logLevel: options.level },
    options.env ?? process.env,
  ).config.logLevel;
  const target = toLogTarget(logger);
  let forwarding = false;

  const forward = (line: string) => {
    const parsed = DIAG_LINE.exec(line);
    // A record that makes the SDK log again, while this one is written,
    // would otherwise recurse; such a line goes to stderr.
    if (forwarding || !parsed) {
      process.stderr.write(line);
      return;
    }
    forwarding = true;
    try {
      const [, component, kind, text] = parsed as unknown as [
        string,
        string,
        LevelKind,
        string,
      ];
      target.write(kind, text, { component });
    } catch {
      // The logger failed; the line must still go somewhere.
      process.stderr.write(line);
    } finally {
      forwarding = false;
    }
  };

  diag.setLogger(new StderrDiagLogger(forward), {
    logLevel: DiagLogLevel[level.toUpperCase() as keyof typeof DiagLogLevel],
    suppressOverrideMessage: true,
  });
  return () => installDiagLogger(level);
}
