import type { DemoTelemetry } from '../demo-telemetry.js';
import {
  businessFamilies,
  counterRows,
  gaugeFreshness,
  gaugeRows,
  productEventCounts,
} from './business-series.js';
import { formatSection, formatTable } from './text-layout.js';

export const BUSINESS_METRICS_TITLE =
  'Business metrics (@seda/telemetry/business)';

const number = (title: string) => ({ title, align: 'right' as const });

function countersPart(telemetry: DemoTelemetry): string[] {
  const rows = counterRows(telemetry.metrics);
  if (rows.length === 0) return ['No business counter arrived over OTLP.'];

  return [
    'Counters, as the OTLP receiver got them (totals):',
    ...formatTable(
      [{ title: 'counter' }, { title: 'attributes' }, number('value')],
      rows,
    ),
  ];
}

function gaugesPart(telemetry: DemoTelemetry): string[] {
  const rows = gaugeRows(telemetry.metrics);
  if (rows.length === 0) return ['No database gauge arrived over OTLP.'];

  const { fresh, stale } = gaugeFreshness(telemetry.metrics);
  const freshness =
    stale.length === 0
      ? `stale: none of ${fresh.length} gauges`
      : `stale: ${stale.join(', ')} (keeping their last good value)`;
  return [
    'Database gauges, from the last refresh before SIGTERM:',
    ...formatTable(
      [
        { title: 'gauge' },
        { title: 'attributes' },
        number('all'),
        number('today'),
        number('24h'),
        number('7d'),
      ],
      rows,
    ),
    freshness,
  ];
}

function eventsPart(telemetry: DemoTelemetry): string[] {
  const counts = [...productEventCounts(telemetry.logs)];
  if (counts.length === 0) return ['No product event arrived.'];

  return [
    'Product events (log records with an event name, user ids as user.hash):',
    ...formatTable(
      [{ title: 'event' }, number('records')],
      counts.map(([name, count]) => [name, String(count)]),
    ),
  ];
}

function prometheusPart(telemetry: DemoTelemetry): string[] {
  const { scrape } = telemetry;
  if (scrape?.text === undefined) {
    return ['No Prometheus scrape to show.'];
  }

  const families = businessFamilies(scrape.text);
  const series = families.reduce((sum, family) => sum + family.series, 0);
  return [
    `GET ${scrape.url}: ${families.length} business metrics in ${series} ` +
      'series; the largest series of each, without the otel_scope labels:',
    ...families.map((family) => family.largest),
  ];
}

export function formatBusinessMetrics(telemetry: DemoTelemetry): string {
  return formatSection(BUSINESS_METRICS_TITLE, [
    ...countersPart(telemetry),
    '',
    ...gaugesPart(telemetry),
    '',
    ...eventsPart(telemetry),
    '',
    ...prometheusPart(telemetry),
  ]);
}
