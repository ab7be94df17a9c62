import { describe, expect, it } from 'vitest';
import { resolveLoggerSettings } from '../../src/config/logger.js';

const NPM = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'];

describe('resolveLoggerSettings', () => {
  it('applies the defaults', () => {
    const { config, issues } = resolveLoggerSettings({}, {}, NPM);

    expect(config).toEqual({
      level: 'info',
      format: 'auto',
      serviceName: undefined,
      filePath: undefined,
      errorFilePath: undefined,
      redactedKeys: [],
    });
    expect(issues).toEqual([]);
  });

  it('reads the variables', () => {
    const { config } = resolveLoggerSettings(
      {},
      {
        LOG_LEVEL: 'DEBUG',
        LOG_FORMAT: 'json',
        LOG_FILE: '/var/log/seda/app.log',
        LOG_ERROR_FILE: '/var/log/seda/error.log',
        OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attributes',
      },
      NPM,
    );

    expect(config).toMatchObject({
      level: 'debug',
      format: 'json',
      filePath: '/var/log/seda/app.log',
      errorFilePath: '/var/log/seda/error.log',
      serviceName: 'from-attributes',
    });
  });

  it('lets options win over variables', () => {
    const { config } = resolveLoggerSettings(
      {
        level: 'warn',
        format: 'pretty',
        filePath: 'app.log',
        serviceName: 'option',
      },
      {
        LOG_LEVEL: 'debug',
        LOG_FORMAT: 'json',
        LOG_FILE: 'env.log',
        OTEL_SERVICE_NAME: 'env',
      },
      NPM,
    );

    expect(config).toMatchObject({
      level: 'warn',
      format: 'pretty',
      filePath: 'app.log',
      serviceName: 'option',
    });
  });

  it('prefers the running SDK service name over the variables', () => {
    const { config } = resolveLoggerSettings(
      {},
      { OTEL_SERVICE_NAME: 'env' },
      NPM,
      'running',
    );

    expect(config.serviceName).toBe('running');
  });

  it('reports an invalid level and format and falls back', () => {
    const { config, issues } = resolveLoggerSettings(
      { level: 'loudest', format: 'xml' as never },
      { LOG_LEVEL: 'warn', LOG_FORMAT: 'yaml' },
      NPM,
    );

    expect(config.level).toBe('warn');
    expect(config.format).toBe('auto');
    expect(issues.map((issue) => issue.source).sort()).toEqual([
      'LOG_FORMAT',
      'options.format',
      'options.level',
    ]);
  });

  it('checks the level against the given level names', () => {
    const { config, issues } = resolveLoggerSettings(
      {},
      { LOG_LEVEL: 'silly' },
      ['trace', 'debug', 'info'],
    );

    expect(config.level).toBe('info');
    expect(issues[0]).toMatchObject({
      source: 'LOG_LEVEL',
      value: 'silly',
      fallback: 'info',
    });
  });

  it('takes one redacted key as a string', () => {
    const { config, issues } = resolveLoggerSettings(
      { redactedKeys: 'ssn' as never },
      {},
      NPM,
    );

    expect(config.redactedKeys).toEqual(['ssn']);
    expect(issues).toEqual([]);
  });

  it('reports redacted keys that are not strings', () => {
    const { config, issues } = resolveLoggerSettings(
      { redactedKeys: ['ssn', 42] as never },
      {},
      NPM,
    );

    expect(config.redactedKeys).toEqual(['ssn']);
    expect(issues.map((issue) => issue.source)).toEqual(['options.redactedKeys']);
  });
});
