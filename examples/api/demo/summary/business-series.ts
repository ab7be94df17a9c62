import {
  DATABASE_GAUGES,
  EVENT_COUNTERS,
  STALE_GAUGE,
  TIME_WINDOWS,
} from '@seda/telemetry/business';
import type { ReceivedLogRecord, ReceivedMetricPoint } from '@seda/test-utils';
import { currentPoints } from './metric-queries.js';

export const COUNTER_NAMES = Object.values(EVENT_COUNTERS).map((c) => c.name);
export const GAUGE_NAMES = Object.values(DATABASE_GAUGES).map((g) => g.name);
export const STALE_GAUGE_NAME = STALE_GAUGE.name;

const WINDOW = 'seda.window';

/** Formats attributes as `key=value` pairs in key order, without `window`. */
function describeAttributes(attributes: Record<string, unknown>): string {
  return Object.keys(attributes)
    .filter((key) => key !== WINDOW)
    .sort()
    .map((key) => `${key}=${String(attributes[key])}`)
    .join(' ');
}

/** Returns one row per counter series: name, attributes, current total. */
export function counterRows(
  metrics: readonly ReceivedMetricPoint[],
): string[][] {
  return COUNTER_NAMES.flatMap((name) =>
    currentPoints(metrics, name)
      .map((point) => [
        name,
        describeAttributes(point.attributes),
        String(point.value ?? 0),
      ])
      .sort((a, b) => (a[1] ?? '').localeCompare(b[1] ?? '')),
  );
}

/**
 * Returns one row per gauge and attributes other than the window, with the value
 * of each window in `TIME_WINDOWS` order, `-` where the gauge has none.
 */
export function gaugeRows(metrics: readonly ReceivedMetricPoint[]): string[][] {
  return GAUGE_NAMES.flatMap((name) => {
    const byAttributes = new Map<string, Map<string, number>>();
    for (const point of currentPoints(metrics, name)) {
      const key = describeAttributes(point.attributes);
      const windows = byAttributes.get(key) ?? new Map<string, number>();
      windows.set(String(point.attributes[WINDOW] ?? 'all'), point.value ?? 0);
      byAttributes.set(key, windows);
    }
    return [...byAttributes].map(([attributes, windows]) => [
      name,
      attributes,
      ...TIME_WINDOWS.map((window) => String(windows.get(window) ?? '-')),
    ]);
  });
}

/** Splits the gauges that the stale gauge reports on by their latest mark. */
export function gaugeFreshness(metrics: readonly ReceivedMetricPoint[]): {
  fresh: string[];
  stale: string[];
} {
  const points = currentPoints(metrics, STALE_GAUGE_NAME);
  const name = (point: ReceivedMetricPoint) =>
    String(point.attributes['seda.gauge.name']);
  return {
    fresh: points.filter((point) => point.value === 0).map(name),
    stale: points.filter((point) => point.value !== 0).map(name),
  };
}

/** Counts the log records of each `seda.*` event name. */
export function productEventCounts(
  logs: readonly ReceivedLogRecord[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of logs) {
    if (!record.eventName?.startsWith('seda.')) continue;
    counts.set(record.eventName, (counts.get(record.eventName) ?? 0) + 1);
  }
  return counts;
}

const SAMPLE_LINE = /^(seda_\w+?)(?:\{(.*)\})? (\S+)$/;

/** The scope labels that the exporter puts on every series. */
const SCOPE_LABELS = /,?otel_scope_(?:name|version)="[^"]*"/g;

/** A business series of the Prometheus text format. */
export interface ScrapedFamily {
  name: string;
  series: number;
  /** The sample line of the series with the largest value, scope labels left out. */
  largest: string;
}

/** Groups the scrape's `seda_*` samples by metric, in the order they appear. */
export function businessFamilies(text: string): ScrapedFamily[] {
  const families = new Map<
    string,
    { series: number; value: number; line: string }
  >();
  for (const line of text.split('\n')) {
    const match = SAMPLE_LINE.exec(line);
    if (!match) continue;

    const [, name = '', labels = '', rawValue = ''] = match;
    const value = Number(rawValue);
    const bare = labels.replace(SCOPE_LABELS, '').replace(/^,/, '');
    const display =
      bare === '' ? `${name} ${rawValue}` : `${name}{${bare}} ${rawValue}`;
    const family = families.get(name);
    if (family === undefined) {
      families.set(name, { series: 1, value, line: display });
      continue;
    }
    family.series += 1;
    if (value > family.value) Object.assign(family, { value, line: display });
  }
  return [...families].map(([name, family]) => ({
    name,
    series: family.series,
    largest: family.line,
  }));
}
