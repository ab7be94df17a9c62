import { describe, expect, it } from 'vitest';
import { createPinoLogger, createWinstonLogger } from '../../src/logs/index.js';
import { captureDiagLines } from '../support/stderr.js';
import { CapturedStream } from './support.js';

// No SDK runs in this file, so the global diagnostic logger drops
// everything it is given.
describe('logger factories without a running SDK', () => {
  it('report an invalid level on stderr', () => {
    const stderr = captureDiagLines();

    createWinstonLogger({
      env: { LOG_LEVEL: 'loud' },
      otlp: false,
      stream: new CapturedStream(),
    });
    createPinoLogger({
      level: 'noisy',
      otlp: false,
      stream: new CapturedStream(),
    });
    stderr.restore();

    expect(stderr.lines()).toEqual([
      expect.stringMatching(
        /^@seda\/telemetry\/logs warn: LOG_LEVEL="loud" is invalid: expected one of error, /,
      ),
      expect.stringMatching(
        /^@seda\/telemetry\/logs warn: options.level="noisy" is invalid: expected one of /,
      ),
    ]);
  });
});
