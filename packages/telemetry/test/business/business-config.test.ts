import { describe, expect, it } from 'vitest';
import { describeIssue } from '../../src/config/issues.js';
import { resolveConfig } from '../../src/config/resolve.js';

const KEY = 'k'.repeat(32);

describe('business configuration', () => {
  it('applies the defaults', () => {
    const { config, issues } = resolveConfig({}, {});

    expect(issues).toEqual([]);
    expect(config.business).toEqual({
      pseudonymKey: undefined,
      gauges: {
        refreshIntervalMillis: 300_000,
        queryTimeoutMillis: 30_000,
        startDelayMillis: 60_000,
      },
    });
  });

  it('reads the variables', () => {
    const { config, issues } = resolveConfig(
      {},
      {
        SEDA_TELEMETRY_PSEUDONYM_KEY: KEY,
        SEDA_TELEMETRY_BUSINESS_REFRESH_INTERVAL: '120000',
        SEDA_TELEMETRY_BUSINESS_QUERY_TIMEOUT: '5000',
        SEDA_TELEMETRY_BUSINESS_START_DELAY: '0',
      },
    );

    expect(issues).toEqual([]);
    expect(config.business).toEqual({
      pseudonymKey: KEY,
      gauges: {
        refreshIntervalMillis: 120_000,
        queryTimeoutMillis: 5_000,
        startDelayMillis: 0,
      },
    });
  });

  it('lets options win over variables', () => {
    const { config } = resolveConfig(
      {
        business: {
          pseudonymKey: 'o'.repeat(40),
          gauges: { refreshIntervalMillis: 10_000, startDelayMillis: 5 },
        },
      },
      {
        SEDA_TELEMETRY_PSEUDONYM_KEY: KEY,
        SEDA_TELEMETRY_BUSINESS_REFRESH_INTERVAL: '120000',
        SEDA_TELEMETRY_BUSINESS_START_DELAY: '0',
      },
    );

    expect(config.business.pseudonymKey).toBe('o'.repeat(40));
    expect(config.business.gauges.refreshIntervalMillis).toBe(10_000);
    expect(config.business.gauges.startDelayMillis).toBe(5);
  });

  it('caps the query timeout at the interval', () => {
    const { config } = resolveConfig(
      { business: { gauges: { refreshIntervalMillis: 2_000 } } },
      {},
    );

    expect(config.business.gauges.queryTimeoutMillis).toBe(2_000);
  });

  it('reports invalid values with their fallback', () => {
    const { config, issues } = resolveConfig(
      { business: { gauges: { queryTimeoutMillis: -1 } } },
      { SEDA_TELEMETRY_BUSINESS_REFRESH_INTERVAL: '10' },
    );

    expect(issues.map(describeIssue)).toEqual([
      'SEDA_TELEMETRY_BUSINESS_REFRESH_INTERVAL="10" is invalid: expected an ' +
        'integer of at least 1000; using 300000 ms',
      'options.business.gauges.queryTimeoutMillis=-1 is invalid: expected an ' +
        'integer of at least 1; using 30000 ms',
    ]);
    expect(config.business.gauges.refreshIntervalMillis).toBe(300_000);
    expect(config.business.gauges.queryTimeoutMillis).toBe(30_000);
  });

  it('rejects a short key without echoing it', () => {
    const { config, issues } = resolveConfig(
      {},
      { SEDA_TELEMETRY_PSEUDONYM_KEY: 'short-secret' },
    );

    expect(config.business.pseudonymKey).toBeUndefined();
    expect(issues.map(describeIssue)).toEqual([
      'SEDA_TELEMETRY_PSEUDONYM_KEY="<secret of 12 bytes>" is invalid: ' +
        'expected a key of at least 32 bytes; using no key, so product ' +
        'events carry no user id',
    ]);
    expect(JSON.stringify(issues)).not.toContain('short-secret');
  });

  it('falls back from a short option key to the variable', () => {
    const { config, issues } = resolveConfig(
      { business: { pseudonymKey: 'tiny' } },
      { SEDA_TELEMETRY_PSEUDONYM_KEY: KEY },
    );

    expect(config.business.pseudonymKey).toBe(KEY);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.source).toBe('options.business.pseudonymKey');
  });

  it('counts key length in bytes', () => {
    // 11 three-byte characters: 33 bytes, although only 11 code units.
    const key = '€'.repeat(11);

    const { config, issues } = resolveConfig(
      { business: { pseudonymKey: key } },
      {},
    );

    expect(issues).toEqual([]);
    expect(config.business.pseudonymKey).toBe(key);
  });

  it('reports a key that is not a string', () => {
    const { config, issues } = resolveConfig(
      { business: { pseudonymKey: 1234 as never } },
      { SEDA_TELEMETRY_PSEUDONYM_KEY: KEY },
    );

    expect(config.business.pseudonymKey).toBe(KEY);
    expect(issues.map(describeIssue)).toEqual([
      'options.business.pseudonymKey="<secret of type number>" is invalid: ' +
        'expected a string key of at least 32 bytes; using ' +
        'SEDA_TELEMETRY_PSEUDONYM_KEY if valid, else no key, so product events carry no user id',
    ]);
  });
});
