/**
 * Formats a threshold for PromQL and for annotations, without the binary
 * noise of sums such as 1 - 0.7 (0.30000000000000004).
 */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** Formats a ratio as a percentage for annotation text: 0.05 is `5%`. */
export function formatPercent(ratio: number): string {
  return `${formatNumber(ratio * 100)}%`;
}

/**
 * Returns a PromQL regular expression that matches exactly the given
 * values, with `.` escaped. Check kinds allow no other special character.
 */
export function exactAlternatives(values: readonly string[]): string {
  return values.map((value) => value.replaceAll('.', '\\\\.')).join('|');
}

/** Joins the lines of a multi-line expression. */
export function lines(...parts: string[]): string {
  return parts.join('\n');
}

const DURATION_UNITS: readonly [string, number][] = [
  ['y', 365 * 24 * 3600_000],
  ['w', 7 * 24 * 3600_000],
  ['d', 24 * 3600_000],
  ['h', 3600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/** Returns the sum of Prometheus durations as one, such as `5m` + `5m`: `10m`. */
export function addDurations(...durations: string[]): string {
  const millis = durations.reduce(
    (sum, duration) => sum + toMillis(duration),
    0,
  );
  return fromMillis(millis);
}

function toMillis(duration: string): number {
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+)(ms|[ywdhms])/g)) {
    const [, factor = 0] = DURATION_UNITS.find(([name]) => name === unit) ?? [];
    total += Number(amount) * factor;
  }
  return total;
}

function fromMillis(millis: number): string {
  if (millis === 0) return '0s';
  let rest = millis;
  let text = '';
  for (const [unit, factor] of DURATION_UNITS) {
    const amount = Math.floor(rest / factor);
    if (amount === 0) continue;
    text += `${amount}${unit}`;
    rest -= amount * factor;
  }
  return text;
}
