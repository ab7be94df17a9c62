import type { PrometheusScrape } from '../prometheus-scrape.js';
import { formatSection } from './text-layout.js';

export const PROMETHEUS_EXCERPT_TITLE = 'Prometheus scrape (excerpt)';

const HTTP_DURATION = 'http_server_request_duration';

/** Labels of the route shown: the example trace is one of its requests. */
const PREFERRED_ROUTE_LABELS = [
  'http_request_method="POST"',
  'http_route="/rooms/:roomId/messages"',
];

const DURATION_SAMPLE = new RegExp(
  `^${HTTP_DURATION}_(?:bucket|sum|count)\\{(.*)\\} \\S+$`,
);

/** A sample line: its text and its labels without `le`. */
interface Sample {
  line: string;
  series: string;
}

function durationSamples(lines: readonly string[]): Sample[] {
  return lines.flatMap((line) => {
    const labels = line.match(DURATION_SAMPLE)?.[1];

    if (labels === undefined) return [];
    return [{ line, series: labels.replace(/,?le="[^"]*"/, '') }];
  });
}

function countOf(samples: readonly Sample[], series: string): number {
  const line = samples.find(
    (sample) =>
      sample.series === series &&
      sample.line.startsWith(`${HTTP_DURATION}_count{`),
  )?.line;

  return Number(line?.split(' ').at(-1) ?? 0);
}

/**
 * Picks the busiest series of the preferred route, or of any route when
 * that one has none, and returns its bucket, sum and count lines.
 */
export function routeSeriesLines(lines: readonly string[]): string[] {
  const samples = durationSamples(lines);
  const preferred = samples.filter((sample) =>
    PREFERRED_ROUTE_LABELS.every((label) => sample.series.includes(label)),
  );
  const candidates = preferred.length > 0 ? preferred : samples;
  const seriesNames = [...new Set(candidates.map((sample) => sample.series))];
  const busiest = seriesNames.sort(
    (a, b) => countOf(candidates, b) - countOf(candidates, a),
  )[0];

  return candidates
    .filter((sample) => sample.series === busiest)
    .map((sample) => sample.line);
}

/** Returns the excerpt: one route's histogram, `target_info`, one SDK line. */
export function prometheusExcerpt(text: string): string[] {
  const lines = text.split('\n');
  const metadata = lines.filter((line) =>
    new RegExp(`^# (HELP|UNIT|TYPE) ${HTTP_DURATION} `).test(line),
  );
  const targetInfo = lines.find((line) => line.startsWith('target_info{'));
  const sdkLine =
    lines.find((line) =>
      line.startsWith('otel_sdk_exporter_span_exported_total{'),
    ) ?? lines.find((line) => line.startsWith('otel_sdk_'));

  return [
    ...metadata,
    ...routeSeriesLines(lines),
    ...(targetInfo === undefined ? [] : [targetInfo]),
    ...(sdkLine === undefined ? [] : [sdkLine]),
  ];
}

export function formatPrometheusExcerpt(
  scrape: PrometheusScrape | undefined,
): string {
  if (scrape === undefined) {
    return formatSection(PROMETHEUS_EXCERPT_TITLE, [
      'The SDK printed no Prometheus URL, so nothing was scraped.',
    ]);
  }
  if (scrape.text === undefined) {
    return formatSection(PROMETHEUS_EXCERPT_TITLE, [
      `The scrape of ${scrape.url} failed: ${scrape.error ?? 'no body'}`,
    ]);
  }
  return formatSection(PROMETHEUS_EXCERPT_TITLE, [
    `GET ${scrape.url}, before SIGTERM:`,
    ...prometheusExcerpt(scrape.text),
  ]);
}
