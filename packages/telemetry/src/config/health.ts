import type {
  HealthEndpointOptions,
  HealthRegistryOptions,
} from '../health/types.js';
import { type ConfigIssue, IssueCollector } from './issues.js';
import {
  checkNumber,
  type Environment,
  type NumberRule,
  readBoolean,
  readNumber,
  readString,
} from './parse.js';

/** Defaults of the health registry and its endpoints. */
export const HEALTH_DEFAULTS = {
  /**
   * Kubernetes probes every 10 s by default, so a 5 s cache lets each probe
   * see a fresh result while a burst of probes runs each check once.
   */
  cacheMillis: 5_000,
  /** Half the SDK's default metric export interval (60 s). */
  intervalMillis: 30_000,
  timeoutMillis: 2_000,
  version: 'unknown',
  environment: 'unknown',
  deepEnabled: true,
} as const;

const MILLIS: NumberRule = { min: 0, integer: true };
const TIMEOUT_MILLIS: NumberRule = { min: 1, integer: true };

/** The registry settings after options, environment and defaults. */
export interface ResolvedHealthRegistry {
  readonly cacheMillis: number;
  readonly intervalMillis: number;
  readonly timeoutMillis: number;
  /** `undefined` when neither the option nor `APP_VERSION` is set. */
  readonly version: string | undefined;
  readonly environment: string;
}

/** The endpoint settings after options, environment and defaults. */
export interface ResolvedHealthEndpoints {
  readonly deepEnabled: boolean;
  readonly deepToken: string | undefined;
}

/** A resolved health setting and the invalid values met on the way. */
export interface HealthResolution<T> {
  readonly config: T;
  readonly issues: readonly ConfigIssue[];
}

/**
 * Merges registry options over `SEDA_HEALTH_*`, `APP_VERSION` and
 * `NODE_ENV`. An invalid option falls back to its variable, an invalid
 * variable to the default.
 */
export function resolveHealthRegistry(
  options: HealthRegistryOptions,
  env: Environment,
): HealthResolution<ResolvedHealthRegistry> {
  const issues = new IssueCollector();
  const millis = (option: keyof typeof MILLIS_SOURCES, rule: NumberRule) =>
    resolveMillis(option, options[option], rule, env, issues);

  const config: ResolvedHealthRegistry = {
    cacheMillis: millis('cacheMillis', MILLIS),
    intervalMillis: millis('intervalMillis', MILLIS),
    timeoutMillis: millis('timeoutMillis', TIMEOUT_MILLIS),
    version:
      nonEmpty('options.version', options.version, issues) ??
      readString(env, 'APP_VERSION'),
    environment:
      nonEmpty('options.environment', options.environment, issues) ??
      readString(env, 'NODE_ENV') ??
      HEALTH_DEFAULTS.environment,
  };
  return { config, issues: issues.issues };
}

/** Merges endpoint options over `SEDA_HEALTH_DEEP` and `SEDA_HEALTH_DEEP_TOKEN`. */
export function resolveHealthEndpoints(
  options: HealthEndpointOptions,
  env: Environment,
): HealthResolution<ResolvedHealthEndpoints> {
  const issues = new IssueCollector();
  const enabled =
    options.deep?.enabled ??
    readBoolean(env, 'SEDA_HEALTH_DEEP', issues) ??
    HEALTH_DEFAULTS.deepEnabled;
  const token =
    nonEmpty('options.deep.token', options.deep?.token, issues) ??
    readString(env, 'SEDA_HEALTH_DEEP_TOKEN');

  return {
    config: { deepEnabled: enabled, deepToken: token },
    issues: issues.issues,
  };
}

const MILLIS_SOURCES = {
  cacheMillis: 'SEDA_HEALTH_CACHE_MILLIS',
  intervalMillis: 'SEDA_HEALTH_INTERVAL_MILLIS',
  timeoutMillis: 'SEDA_HEALTH_TIMEOUT_MILLIS',
} as const;

function resolveMillis(
  option: keyof typeof MILLIS_SOURCES,
  value: number | undefined,
  rule: NumberRule,
  env: Environment,
  issues: IssueCollector,
): number {
  const fallback = HEALTH_DEFAULTS[option];
  const fromEnv = readNumber(
    env,
    MILLIS_SOURCES[option],
    rule,
    { value: undefined, label: String(fallback) },
    issues,
  );
  if (value === undefined) return fromEnv ?? fallback;

  const expected = checkNumber(value, rule);
  if (expected === undefined) return value;

  issues.add({
    source: `options.${option}`,
    value,
    expected,
    fallback: String(fromEnv ?? fallback),
  });
  return fromEnv ?? fallback;
}

/**
 * Returns a trimmed string option, or `undefined` for an empty one. Options
 * often come from parsed JSON, so a number or an object is reported and
 * ignored instead of failing on `trim`.
 */
function nonEmpty(
  source: string,
  value: unknown,
  issues: IssueCollector,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    issues.add({
      source,
      value: source.endsWith('token') ? '(hidden)' : value,
      expected: 'a string',
      fallback: 'the environment variable or the default',
    });
    return undefined;
  }
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}
