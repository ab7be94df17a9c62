import type { OtlpMetric } from './metric-catalog.js';

/**
 * Returns the name that `@opentelemetry/exporter-prometheus` 0.301 gives a
 * metric: every character outside `[A-Za-z0-9_]` becomes `_`, runs of `_`
 * collapse into one, and a counter gets `_total`. It adds no unit suffix.
 * Histograms get `_bucket`, `_sum` and `_count` after this name.
 */
export function javascriptExporterName(metric: OtlpMetric): string {
  const name = metric.name.replace(/[^a-z0-9_]/gi, '_').replace(/_{2,}/g, '_');
  const isCounter = metric.type === 'sum' && metric.monotonic === true;
  return isCounter && !name.endsWith('_total') ? `${name}_total` : name;
}
