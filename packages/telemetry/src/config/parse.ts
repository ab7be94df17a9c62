import type { IssueCollector } from './issues.js';

/** The environment as a plain map, passed in so that nothing reads `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Returns the trimmed value of a variable, or `undefined` when it is unset or
 * empty: the OpenTelemetry specification treats an empty value as unset.
 */
export function readString(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function readBoolean(
  env: Environment,
  name: string,
  issues: IssueCollector,
): boolean | undefined {
  const value = readString(env, name);
  if (value === undefined) return undefined;

  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;

  issues.add({ source: name, value, expected: 'true or false', fallback: 'false' });
  return false;
}

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/** Checks a number against a rule, returning a description of the rule when it fails. */
export function checkNumber(value: number, rule: NumberRule): string | undefined {
  const valid =
    Number.isFinite(value) &&
    (rule.integer !== true || Number.isInteger(value)) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.max === undefined || value <= rule.max);
  return valid ? undefined : describeNumberRule(rule);
}

export function describeNumberRule(rule: NumberRule): string {
  const kind = rule.integer ? 'an integer' : 'a number';
  if (rule.min !== undefined && rule.max !== undefined) {
    return `${kind} from ${rule.min} to ${rule.max}`;
  }
  if (rule.min !== undefined) return `${kind} of at least ${rule.min}`;
  return kind;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function readNumber(
  env: Environment,
  name: string,
  rule: NumberRule,
  fallback: { value: number | undefined; label: string },
  issues: IssueCollector,
): number | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;

  // Decimal notation only: `Number()` would also take `0x10` and `1e3`.
  const value = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
  const expected = checkNumber(value, rule);
  if (expected === undefined) return value;

  issues.add({ source: name, value: raw, expected, fallback: fallback.label });
  return fallback.value;
}

export function readChoice<T extends string>(
  env: Environment,
  name: string,
  choices: readonly T[],
  fallback: T,
  issues: IssueCollector,
): T | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;

  const lower = raw.toLowerCase() as T;
  if (choices.includes(lower)) return lower;

  issues.add({
    source: name,
    value: raw,
    expected: `one of ${choices.join(', ')}`,
    fallback: fallback,
  });
  return fallback;
}

/** Splits a comma-separated list, lower-casing each entry and dropping empty and repeated ones. */
export function readList(env: Environment, name: string): string[] | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;
  const items = raw
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item.length > 0);
  return [...new Set(items)];
}

/**
 * Parses the W3C Baggage-like `key1=value1,key2=value2` form that
 * `OTEL_RESOURCE_ATTRIBUTES` and `OTEL_EXPORTER_OTLP_HEADERS` use, with
 * percent-decoded values. Malformed entries are reported and skipped.
 */
export function readKeyValues(
  env: Environment,
  name: string,
  issues: IssueCollector,
): Record<string, string> | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;

  const result: Record<string, string> = {};
  for (const entry of raw.split(',')) {
    if (entry.trim() === '') continue;
    const parsed = parseKeyValue(entry);
    if (parsed) {
      result[parsed[0]] = parsed[1];
    } else {
      issues.add({
        source: name,
        value: isSecretList(name) ? '<redacted entry>' : entry.trim(),
        expected: 'comma-separated key=value pairs',
        fallback: 'the other entries',
      });
    }
  }
  return result;
}

function parseKeyValue(entry: string): [string, string] | undefined {
  const separator = entry.indexOf('=');
  if (separator <= 0) return undefined;

  const key = entry.slice(0, separator).trim();
  const encoded = entry.slice(separator + 1).trim();
  if (key === '') return undefined;

  try {
    return [key, decodeURIComponent(encoded)];
  } catch {
    return undefined;
  }
}

/** Header variables carry credentials, so their entries are never echoed. */
function isSecretList(name: string): boolean {
  return name.endsWith('_HEADERS');
}

/** Returns the URL when it is an absolute http or https URL, otherwise `undefined`. */
export function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns an option that lists names, such as `redactedKeys`. A single
 * string is taken as a list of one, since iterating it would yield its
 * letters. Anything else, and entries that are not strings, are reported
 * and left out.
 */
export function checkNameList(
  source: string,
  value: unknown,
  issues: IssueCollector,
  fallback = 'no extra names',
): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (!Array.isArray(value)) {
    issues.add({ source, value, expected: 'an array of strings', fallback });
    return [];
  }
  const names = value.filter((entry): entry is string => typeof entry === 'string');
  if (names.length < value.length) {
    issues.add({
      source,
      value: JSON.stringify(value),
      expected: 'an array of strings',
      fallback: `the string entries (${names.length} of ${value.length})`,
    });
  }
  return names;
}
