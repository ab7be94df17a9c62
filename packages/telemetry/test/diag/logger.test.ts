import { describe, expect, it } from 'vitest';
import { StderrDiagLogger } from '../../src/diag/logger.js';

function createLogger() {
  const lines: string[] = [];
  let now = 0;
  const logger = new StderrDiagLogger(
    (line) => lines.push(line),
    () => now,
  );
  return { logger, lines, advance: (millis: number) => (now += millis) };
}

describe('StderrDiagLogger', () => {
  it('prefixes the component namespace', () => {
    const { logger, lines } = createLogger();

    logger.warn('@seda/telemetry/config', 'OTEL_X is invalid');

    expect(lines).toEqual(['@seda/telemetry/config warn: OTEL_X is invalid\n']);
  });

  it('holds back repeats for a minute', () => {
    const { logger, lines, advance } = createLogger();

    logger.error('export failed: connect ECONNREFUSED 127.0.0.1:4318');
    advance(1_000);
    logger.error('export failed: connect ECONNREFUSED 127.0.0.1:4318');
    logger.error('export failed: connect ECONNREFUSED 127.0.0.1:4319');
    advance(60_000);
    logger.error('export failed: connect ECONNREFUSED 127.0.0.1:4318');

    expect(lines).toEqual([
      '@seda/telemetry error: export failed: connect ECONNREFUSED 127.0.0.1:4318\n',
      '@seda/telemetry error: export failed: connect ECONNREFUSED 127.0.0.1:4318 ' +
        '(repeated 2 more times)\n',
    ]);
  });

  it('never holds back debug lines', () => {
    const { logger, lines } = createLogger();

    logger.debug('same');
    logger.debug('same');

    expect(lines).toHaveLength(2);
  });

  it('formats errors by name and message', () => {
    const { logger, lines } = createLogger();

    logger.error('@seda/telemetry/sdk', 'flush failed:', new TypeError('boom'));

    expect(lines).toEqual(['@seda/telemetry/sdk error: flush failed: TypeError: boom\n']);
  });
});
