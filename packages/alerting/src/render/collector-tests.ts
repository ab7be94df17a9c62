import { isMap, isScalar, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { collectorName } from '../naming/collector-name.js';
import { javascriptExporterName } from '../naming/javascript-name.js';
import { METRIC_CATALOG } from '../naming/metric-catalog.js';
import type { AlertName } from '../thresholds/schema.js';

/** Series that Prometheus or the OpenTelemetry translation add themselves. */
const UNCHANGED_SERIES = ['up', 'target_info'];

const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];

/** A promtool test file of the JavaScript variant, to translate. */
export interface PromtoolTestSource {
  /** File name, such as `http.test.yml`. */
  readonly name: string;
  readonly text: string;
}

/**
 * Rewrites a promtool test file of the JavaScript variant for the Collector
 * variant: each input series gets its Collector name, the rule file
 * becomes the Collector one, and tests of alerts that variant lacks are
 * dropped. Returns `undefined` when no test is left. Comments are kept.
 *
 * @throws Error for a series outside the catalog, whose Collector name is
 *   unknown, and for a `promql_expr_test`, whose expressions are not
 *   translated.
 */
export function translateTestFile(
  source: PromtoolTestSource,
  collectorRuleFile: string,
  collectorAlerts: ReadonlySet<AlertName>,
): string | undefined {
  const document = parseDocument(source.text);
  document.set('rule_files', [collectorRuleFile]);
  const tests = document.get('tests');
  if (!isSeq(tests)) throw new Error(`${source.name}: tests must be a list`);

  tests.items = tests.items.filter((test) => {
    if (!isMap(test)) throw new Error(`${source.name}: each test is a mapping`);
    if (test.has('promql_expr_test')) {
      throw new Error(`${source.name}: promql_expr_test is not translated`);
    }
    renameSeries(test.get('input_series'), source.name);
    return keepAlertTests(test.get('alert_rule_test'), collectorAlerts);
  });
  if (tests.items.length === 0) return undefined;

  document.commentBefore = [
    ` Generated from rules/tests/javascript/${source.name} by`,
    ' `pnpm --filter @seda/alerting run generate`, with the series renamed as',
    " the Collector's OTLP translation names them: change the source, not this file.",
  ].join('\n');
  return document.toString({ lineWidth: 0 });
}

function renameSeries(inputs: unknown, file: string): void {
  if (!isSeq(inputs)) return;
  for (const input of inputs.items) {
    if (!isMap(input)) continue;
    const series = input.get('series', true);
    if (!isScalar(series) || typeof series.value !== 'string') continue;
    series.value = collectorSeries(series.value, file);
  }
}

/** Drops the alert tests of missing alerts; false when none is left. */
function keepAlertTests(
  tests: unknown,
  alerts: ReadonlySet<AlertName>,
): boolean {
  if (!isSeq(tests)) return true;
  const seq = tests as YAMLSeq;
  seq.items = seq.items.filter((test) => {
    const name = isMap(test) ? test.get('alertname') : undefined;
    return alerts.has(name as AlertName);
  });
  return seq.items.length > 0;
}

/** Renames the metric of a series selector such as `name{job="api"}`. */
function collectorSeries(series: string, file: string): string {
  const match = /^([A-Za-z_:][A-Za-z0-9_:]*)(.*)$/s.exec(series);
  const name = match?.[1] ?? '';
  const renamed = COLLECTOR_NAMES.get(name);
  if (renamed === undefined) {
    throw new Error(
      `${file}: series ${name} is not in the metric catalog, so its Collector name is unknown`,
    );
  }
  return renamed + (match?.[2] ?? '');
}

/** JavaScript exporter names of every catalog series, to Collector names. */
const COLLECTOR_NAMES: ReadonlyMap<string, string> = new Map([
  ...UNCHANGED_SERIES.map((name): [string, string] => [name, name]),
  ...Object.values(METRIC_CATALOG).flatMap((metric) => {
    const from = javascriptExporterName(metric);
    const to = collectorName(metric);
    if (metric.type !== 'histogram') return [[from, to] as [string, string]];
    return HISTOGRAM_SUFFIXES.map((suffix): [string, string] => [
      from + suffix,
      to + suffix,
    ]);
  }),
]);
