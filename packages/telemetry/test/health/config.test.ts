import { describe, expect, it } from 'vitest';
import {
  HEALTH_DEFAULTS,
  resolveHealthEndpoints,
  resolveHealthRegistry,
} from '../../src/config/health.js';

describe('resolveHealthRegistry', () => {
  it('applies the defaults', () => {
    const { config, issues } = resolveHealthRegistry({}, {});

    expect(config).toEqual({
      cacheMillis: HEALTH_DEFAULTS.cacheMillis,
      intervalMillis: HEALTH_DEFAULTS.intervalMillis,
      timeoutMillis: HEALTH_DEFAULTS.timeoutMillis,
      version: undefined,
      environment: 'unknown',
    });
    expect(issues).toEqual([]);
  });

  it('reads the environment', () => {
    const { config } = resolveHealthRegistry(
      {},
      {
        SEDA_HEALTH_CACHE_MILLIS: '1000',
        SEDA_HEALTH_INTERVAL_MILLIS: '0',
        SEDA_HEALTH_TIMEOUT_MILLIS: '750',
        APP_VERSION: '9.9.9',
        NODE_ENV: 'production',
      },
    );

    expect(config).toEqual({
      cacheMillis: 1000,
      intervalMillis: 0,
      timeoutMillis: 750,
      version: '9.9.9',
      environment: 'production',
    });
  });

  it('lets options win over the environment', () => {
    const { config } = resolveHealthRegistry(
      { cacheMillis: 10, version: '1.0.0', environment: 'staging' },
      {
        SEDA_HEALTH_CACHE_MILLIS: '1000',
        APP_VERSION: '9.9.9',
        NODE_ENV: 'production',
      },
    );

    expect(config.cacheMillis).toBe(10);
    expect(config.version).toBe('1.0.0');
    expect(config.environment).toBe('staging');
  });

  it('reports an invalid variable and uses the default', () => {
    const { config, issues } = resolveHealthRegistry(
      {},
      { SEDA_HEALTH_TIMEOUT_MILLIS: '0' },
    );

    expect(config.timeoutMillis).toBe(HEALTH_DEFAULTS.timeoutMillis);
    expect(issues).toEqual([
      {
        source: 'SEDA_HEALTH_TIMEOUT_MILLIS',
        value: '0',
        expected: 'an integer of at least 1',
        fallback: '2000',
      },
    ]);
  });

  it('reports an invalid option and falls back to the variable', () => {
    const { config, issues } = resolveHealthRegistry(
      { cacheMillis: -5 },
      { SEDA_HEALTH_CACHE_MILLIS: '250' },
    );

    expect(config.cacheMillis).toBe(250);
    expect(issues).toEqual([
      {
        source: 'options.cacheMillis',
        value: -5,
        expected: 'an integer of at least 0',
        fallback: '250',
      },
    ]);
  });

  it('reports a version or environment that is not a string', () => {
    const { config, issues } = resolveHealthRegistry(
      { version: 42, environment: { name: 'prod' } } as never,
      { APP_VERSION: '9.9.9', NODE_ENV: 'production' },
    );

    expect(config.version).toBe('9.9.9');
    expect(config.environment).toBe('production');
    expect(issues.map((issue) => [issue.source, issue.expected])).toEqual([
      ['options.version', 'a string'],
      ['options.environment', 'a string'],
    ]);
  });
});

describe('resolveHealthEndpoints', () => {
  it('serves the deep endpoint openly by default', () => {
    const { config } = resolveHealthEndpoints({}, {});

    expect(config).toEqual({ deepEnabled: true, deepToken: undefined });
  });

  it('reads SEDA_HEALTH_DEEP and SEDA_HEALTH_DEEP_TOKEN', () => {
    const { config } = resolveHealthEndpoints(
      {},
      { SEDA_HEALTH_DEEP: 'false', SEDA_HEALTH_DEEP_TOKEN: 'secret' },
    );

    expect(config).toEqual({ deepEnabled: false, deepToken: 'secret' });
  });

  it('lets options win over the environment', () => {
    const { config } = resolveHealthEndpoints(
      { deep: { enabled: true, token: 'option' } },
      { SEDA_HEALTH_DEEP: 'false', SEDA_HEALTH_DEEP_TOKEN: 'secret' },
    );

    expect(config).toEqual({ deepEnabled: true, deepToken: 'option' });
  });

  it('reports an invalid SEDA_HEALTH_DEEP', () => {
    const { config, issues } = resolveHealthEndpoints(
      {},
      { SEDA_HEALTH_DEEP: 'yes' },
    );

    expect(config.deepEnabled).toBe(false);
    expect(issues[0]?.source).toBe('SEDA_HEALTH_DEEP');
  });

  it('reports a token that is not a string without showing it', () => {
    const { config, issues } = resolveHealthEndpoints(
      { deep: { token: 123456 } } as never,
      { SEDA_HEALTH_DEEP_TOKEN: 'from-env' },
    );

    expect(config.deepToken).toBe('from-env');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.source).toBe('options.deep.token');
    expect(JSON.stringify(issues)).not.toContain('123456');
  });
});
