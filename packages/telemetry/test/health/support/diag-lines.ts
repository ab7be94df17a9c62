import { diag, DiagLogLevel } from '@opentelemetry/api';
import { StderrDiagLogger } from '../../../src/diag/logger.js';

/**
 * Installs the SDK's diagnostic logger writing into an array instead of
 * stderr, at `info`, and returns the array. `diag.disable()` removes it.
 */
export function captureDiagLines(): string[] {
  const lines: string[] = [];
  diag.setLogger(new StderrDiagLogger((line) => lines.push(line)), {
    logLevel: DiagLogLevel.INFO,
    suppressOverrideMessage: true,
  });
  return lines;
}
