import { diag, DiagLogLevel } from '@opentelemetry/api';
import { StderrDiagLogger } from '../../src/diag/logger.js';

/**
 * Installs a diagnostic logger that keeps its lines, as the SDK's stderr
 * logger formats them, and returns them.
 */
export function captureDiagnostics(): string[] {
  const lines: string[] = [];
  diag.setLogger(new StderrDiagLogger((line) => lines.push(line)), {
    logLevel: DiagLogLevel.ALL,
    suppressOverrideMessage: true,
  });
  return lines;
}
