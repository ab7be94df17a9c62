import { afterEach, describe, expect, it, vi } from 'vitest';
import { componentLogger } from '../../src/diag/logger.js';
import {
  createWinstonLogger,
  forwardDiagnostics,
} from '../../src/logs/index.js';
import type { WinstonLike } from '../../src/logs/log-target.js';
import { CapturedStream } from './support.js';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  vi.restoreAllMocks();
});

describe('forwardDiagnostics', () => {
  it('writes SDK diagnostics through the logger with their component', () => {
    const stream = new CapturedStream();
    stop = forwardDiagnostics(
      createWinstonLogger({ env: {}, otlp: false, stream }),
      { env: {} },
    );

    componentLogger('exporter').error('export failed:', new Error('refused'));
    componentLogger('sdk').info('stopped');

    expect(stream.lines()).toMatchObject([
      {
        level: 'error',
        message: 'export failed: Error: refused',
        component: '@seda/telemetry/exporter',
      },
      { level: 'info', message: 'stopped', component: '@seda/telemetry/sdk' },
    ]);
  });

  it('follows OTEL_LOG_LEVEL', () => {
    const stream = new CapturedStream();
    const logger = createWinstonLogger({
      env: {},
      otlp: false,
      stream,
      level: 'debug',
    });
    stop = forwardDiagnostics(logger, { env: { OTEL_LOG_LEVEL: 'warn' } });

    componentLogger('sdk').info('dropped');
    componentLogger('sdk').warn('kept');

    expect(stream.lines().map((line) => line.message)).toEqual(['kept']);
  });

  it('holds back repeats as the stderr logger does', () => {
    const stream = new CapturedStream();
    stop = forwardDiagnostics(
      createWinstonLogger({ env: {}, otlp: false, stream }),
      { env: {} },
    );

    for (let attempt = 1; attempt <= 5; attempt++)
      componentLogger('exporter').error(`retry ${attempt} failed`);

    expect(stream.lines()).toHaveLength(1);
  });

  it('puts the stderr output back when stopped', () => {
    const stream = new CapturedStream();
    const stderr = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation(() => true);
    const undo = forwardDiagnostics(
      createWinstonLogger({ env: {}, otlp: false, stream }),
      { env: {} },
    );

    undo();
    componentLogger('sdk').warn('after stop');

    expect(stream.lines()).toEqual([]);
    expect(stderr).toHaveBeenCalledWith(
      '@seda/telemetry/sdk warn: after stop\n',
    );
  });

  it('sends a line that a logger causes while logging to stderr', () => {
    const stderr = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation(() => true);
    const messages: string[] = [];
    const noisy: WinstonLike = {
      levels: { error: 0, warn: 1, info: 2 },
      log(_level, message) {
        messages.push(message);
        componentLogger('logs').warn('logger trouble');
      },
    };
    stop = forwardDiagnostics(noisy, { env: {} });

    componentLogger('sdk').info('started');

    expect(messages).toEqual(['started']);
    expect(stderr).toHaveBeenCalledWith(
      '@seda/telemetry/logs warn: logger trouble\n',
    );
  });
});
