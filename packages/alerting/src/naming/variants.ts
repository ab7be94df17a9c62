import { collectorName } from './collector-name.js';
import { javascriptExporterName } from './javascript-name.js';
import {
  type CatalogKey,
  METRIC_CATALOG,
  type OtlpMetric,
} from './metric-catalog.js';

/**
 * The two ways metrics reach Prometheus: `javascript` is a scrape of the
 * SDK's own Prometheus endpoint (`OTEL_METRICS_EXPORTER=prometheus`),
 * `collector` is OTLP through an OpenTelemetry Collector (or Prometheus's
 * OTLP receiver), whose translation adds unit and type suffixes.
 */
export type Variant = 'javascript' | 'collector';

export const VARIANTS: readonly Variant[] = ['javascript', 'collector'];

/** The Prometheus name of each catalog metric, for one variant. */
export type SeriesNames = Readonly<Record<CatalogKey, string>>;

/** Returns a metric's Prometheus name as the variant's path spells it. */
export function prometheusName(metric: OtlpMetric, variant: Variant): string {
  return variant === 'javascript'
    ? javascriptExporterName(metric)
    : collectorName(metric);
}

export function seriesNames(variant: Variant): SeriesNames {
  const entries = Object.entries(METRIC_CATALOG).map(([key, metric]) => [
    key,
    prometheusName(metric, variant),
  ]);
  return Object.fromEntries(entries) as SeriesNames;
}
