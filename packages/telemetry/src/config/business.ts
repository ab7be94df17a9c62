import type {
  BusinessGaugeOptions,
  BusinessOptions,
} from '../business/types.js';
import type { IssueCollector } from './issues.js';
import {
  checkNumber,
  type Environment,
  type NumberRule,
  readNumber,
  readString,
} from './parse.js';

/** Defaults of the business metrics and product events. */
export const BUSINESS_DEFAULTS = {
  refreshIntervalMillis: 300_000,
  queryTimeoutMillis: 30_000,
  startDelayMillis: 60_000,
} as const;

/** RFC 2104 discourages HMAC keys shorter than the hash output, 32 bytes here. */
export const MIN_PSEUDONYM_KEY_BYTES = 32;

export interface ResolvedBusinessGauges {
  readonly refreshIntervalMillis: number;
  /** At most `refreshIntervalMillis`. */
  readonly queryTimeoutMillis: number;
  readonly startDelayMillis: number;
}

export interface ResolvedBusiness {
  /** `undefined` when no valid key was given, so events carry no user id. */
  readonly pseudonymKey: string | undefined;
  readonly gauges: ResolvedBusinessGauges;
}

type GaugeSetting = keyof ResolvedBusinessGauges;

const GAUGE_RULES: Record<GaugeSetting, NumberRule> = {
  // A refresh runs every gauge query, so a shorter interval is a load test.
  refreshIntervalMillis: { min: 1_000, integer: true },
  queryTimeoutMillis: { min: 1, integer: true },
  startDelayMillis: { min: 0, integer: true },
};

const GAUGE_VARIABLES: Record<GaugeSetting, string> = {
  refreshIntervalMillis: 'SEDA_TELEMETRY_BUSINESS_REFRESH_INTERVAL',
  queryTimeoutMillis: 'SEDA_TELEMETRY_BUSINESS_QUERY_TIMEOUT',
  startDelayMillis: 'SEDA_TELEMETRY_BUSINESS_START_DELAY',
};

const KEY_VARIABLE = 'SEDA_TELEMETRY_PSEUDONYM_KEY';

/**
 * Merges `business` options over the `SEDA_TELEMETRY_BUSINESS_*` variables
 * and `SEDA_TELEMETRY_PSEUDONYM_KEY`. An invalid option falls back to its
 * variable, an invalid variable to the default. A key is never echoed in an
 * issue, only its length.
 */
export function resolveBusiness(
  options: BusinessOptions | undefined,
  env: Environment,
  issues: IssueCollector,
): ResolvedBusiness {
  const fromEnv: ResolvedBusinessGauges = {
    refreshIntervalMillis: readGaugeVariable(
      'refreshIntervalMillis',
      env,
      issues,
    ),
    queryTimeoutMillis: readGaugeVariable('queryTimeoutMillis', env, issues),
    startDelayMillis: readGaugeVariable('startDelayMillis', env, issues),
  };
  return {
    pseudonymKey: resolveKey(options?.pseudonymKey, env, issues),
    gauges: overrideGauges(
      fromEnv,
      options?.gauges,
      'options.business.gauges',
      issues,
    ),
  };
}

/**
 * Applies per-registration overrides to resolved settings, reporting each
 * invalid one under `path`, and caps the query timeout at the interval.
 */
export function overrideGauges(
  base: ResolvedBusinessGauges,
  overrides: BusinessGaugeOptions | undefined,
  path: string,
  issues: IssueCollector,
): ResolvedBusinessGauges {
  const pick = (setting: GaugeSetting) => {
    const value = overrides?.[setting];
    if (value === undefined) return base[setting];

    const expected = checkNumber(value, GAUGE_RULES[setting]);
    if (expected === undefined) return value;
    issues.add({
      source: `${path}.${setting}`,
      value,
      expected,
      fallback: `${base[setting]} ms`,
    });
    return base[setting];
  };
  const refreshIntervalMillis = pick('refreshIntervalMillis');

  return {
    refreshIntervalMillis,
    queryTimeoutMillis: Math.min(
      pick('queryTimeoutMillis'),
      refreshIntervalMillis,
    ),
    startDelayMillis: pick('startDelayMillis'),
  };
}

function readGaugeVariable(
  setting: GaugeSetting,
  env: Environment,
  issues: IssueCollector,
): number {
  const fallback = BUSINESS_DEFAULTS[setting];
  const value = readNumber(
    env,
    GAUGE_VARIABLES[setting],
    GAUGE_RULES[setting],
    { value: undefined, label: `${fallback} ms` },
    issues,
  );
  return value ?? fallback;
}

function resolveKey(
  option: unknown,
  env: Environment,
  issues: IssueCollector,
): string | undefined {
  const noKey = 'no key, so product events carry no user id';
  const candidates = [
    {
      source: 'options.business.pseudonymKey',
      value: option,
      fallback: `${KEY_VARIABLE} if valid, else ${noKey}`,
    },
    {
      source: KEY_VARIABLE,
      value: readString(env, KEY_VARIABLE),
      fallback: noKey,
    },
  ];
  for (const candidate of candidates) {
    if (candidate.value === undefined || candidate.value === '') continue;
    if (typeof candidate.value !== 'string') {
      issues.add({
        source: candidate.source,
        value: `<secret of type ${typeof candidate.value}>`,
        expected: `a string key of at least ${MIN_PSEUDONYM_KEY_BYTES} bytes`,
        fallback: candidate.fallback,
      });
      continue;
    }

    const bytes = Buffer.byteLength(candidate.value, 'utf8');
    if (bytes >= MIN_PSEUDONYM_KEY_BYTES) return candidate.value;
    issues.add({
      source: candidate.source,
      value: `<secret of ${bytes} bytes>`,
      expected: `a key of at least ${MIN_PSEUDONYM_KEY_BYTES} bytes`,
      fallback: candidate.fallback,
    });
  }
  return undefined;
}
