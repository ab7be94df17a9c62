import type { OtlpMetric } from './metric-catalog.js';

/** UCUM units that the translation spells out, from its unit table. */
const UNIT_WORDS: Readonly<Record<string, string>> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '1': '',
  '%': 'percent',
};

/** Units after a `/`, spelled in the singular (`By/s`: `bytes_per_second`). */
const PER_UNIT_WORDS: Readonly<Record<string, string>> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  mo: 'month',
  y: 'year',
};

const INVALID_NAME_CHARACTER = /[^a-zA-Z0-9:]/;

/**
 * Returns the name that the OpenTelemetry Collector's Prometheus exporters
 * (`prometheus`, `prometheusremotewrite`) and Prometheus's own OTLP
 * receiver give a metric with their default translation, which the
 * `otlptranslator` library calls `UnderscoreEscapingWithSuffixes`:
 *
 * 1. The name is split into words at every character outside
 *    `[A-Za-z0-9:]`, `_` included, so runs of separators collapse.
 * 2. The unit is spelled out (`s`: `seconds`, `By`: `bytes`,
 *    `By/s`: `bytes_per_second`) and appended unless the name already has
 *    that word. A unit in braces, such as `{connection}`, adds nothing.
 * 3. A counter (monotonic sum) gets `total` as its last word.
 * 4. A gauge of unit `1` gets `ratio` as its last word; an up-down counter
 *    or a counter of unit `1` does not.
 * 5. The words are joined by `_`, and a leading digit gets a `_` prefix.
 *
 * Histograms get `_bucket`, `_sum` and `_count` after this name.
 */
export function collectorName(metric: OtlpMetric): string {
  let words = metric.name.split(INVALID_NAME_CHARACTER).filter(Boolean);
  words = appendUnitWords(words, metric.unit);

  if (metric.type === 'sum' && metric.monotonic === true) {
    words = [...without(words, 'total'), 'total'];
  }
  if (metric.unit === '1' && metric.type === 'gauge') {
    words = [...without(words, 'ratio'), 'ratio'];
  }

  const name = words.join('_');
  return /^\d/.test(name) ? `_${name}` : name;
}

function appendUnitWords(words: string[], unit: string): string[] {
  const [mainPart = '', perPart] = splitOnce(unit, '/');
  let main = cleanUnit(spellUnit(mainPart, UNIT_WORDS));
  let per = perUnitWord(perPart);

  if (words.includes(main)) main = '';
  if (words.includes(per)) per = '';
  if (per !== '') main = main.replace(/_$/, '');

  return [...words, ...[main, per].filter((word) => word !== '')];
}

/** Returns `per_<unit>` for the part after `/`, or '' when it adds none. */
function perUnitWord(part: string | undefined): string {
  const word = part === undefined ? '' : spellUnit(part, PER_UNIT_WORDS);
  if (word === '') return '';

  const cleaned = cleanUnit(`per_${word}`);
  return cleaned === 'per_' ? '' : cleaned.replace(/_$/, '');
}

/** Spells a unit part out, or returns '' for a blank or braced one. */
function spellUnit(part: string, words: Readonly<Record<string, string>>) {
  const trimmed = part.trim();
  if (trimmed === '' || /[{}]/.test(trimmed)) return '';
  return words[trimmed] ?? trimmed;
}

function cleanUnit(unit: string): string {
  return unit
    .replace(new RegExp(INVALID_NAME_CHARACTER, 'g'), '_')
    .replace(/_{2,}/g, '_')
    .replace(/^_/, '');
}

function splitOnce(text: string, separator: string): [string, string?] {
  const index = text.indexOf(separator);
  if (index === -1) return [text];
  return [text.slice(0, index), text.slice(index + 1)];
}

function without(words: string[], word: string): string[] {
  return words.filter((candidate) => candidate !== word);
}
