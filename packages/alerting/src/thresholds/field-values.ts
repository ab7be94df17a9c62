import { type FieldKind, SEVERITIES } from './schema.js';

/** A Prometheus duration such as `90s`, `5m` or `1h30m`. */
const DURATION = /^(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/;

/** The characters the health registry allows in a check kind. */
const CHECK_KIND = /^[A-Za-z0-9_.-]{1,64}$/;

/** The expected value of each kind, for the message of an invalid value. */
const EXPECTED: Readonly<Record<FieldKind, string>> = {
  severity: `one of ${SEVERITIES.join(', ')}`,
  duration: 'a Prometheus duration such as 0s, 90s, 5m or 1h',
  window: 'a Prometheus duration above zero such as 30s, 5m or 1h',
  ratio: 'a number from 0 to 1, such as 0.05 for 5%',
  quantile: 'a number above 0 and below 1, such as 0.95',
  nonNegative: 'a number of 0 or more',
  positive: 'a number above 0',
  checkKinds:
    'a non-empty list of health check kinds (letters, digits, _, - or .)',
};

/** Returns what a value of the kind must be when `value` is not one. */
export function invalidFieldReason(
  kind: FieldKind,
  value: unknown,
): string | undefined {
  return isValid(kind, value) ? undefined : EXPECTED[kind];
}

function isValid(kind: FieldKind, value: unknown): boolean {
  switch (kind) {
    case 'severity':
      return SEVERITIES.some((severity) => severity === value);
    case 'duration':
      return isDuration(value);
    case 'window':
      return isDuration(value) && /[1-9]/.test(value);
    case 'ratio':
      return isNumber(value) && value >= 0 && value <= 1;
    case 'quantile':
      return isNumber(value) && value > 0 && value < 1;
    case 'nonNegative':
      return isNumber(value) && value >= 0;
    case 'positive':
      return isNumber(value) && value > 0;
    case 'checkKinds':
      return isCheckKindList(value);
  }
}

function isDuration(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && DURATION.test(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isCheckKindList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((kind) => typeof kind === 'string' && CHECK_KIND.test(kind))
  );
}
