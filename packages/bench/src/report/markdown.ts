import type { SoakResult } from '../export-path/soak.js';
import { ROUTE } from '../run/app-child.js';
import type { CensusMeasurement } from '../run/measurements.js';
import { variantById, type VariantId } from '../variants.js';
import type { BenchReport } from './bench-report.js';
import { computeFigures, type VariantFigures } from './figures.js';
import type { Summary } from './statistics.js';
import { checkTargets, type TargetCheck } from './targets.js';

const MIB = 1024 * 1024;

/** Renders a run as the Markdown report. */
export function renderReport(report: BenchReport): string {
  const figures = computeFigures(report);
  // Without the rounds, every variant's load and start figures are empty.
  const roundFigures = report.load.length > 0 ? figures : [];
  return (
    [
      header(report),
      targetsSection(report, figures),
      httpSection(report, roundFigures),
      startSection(roundFigures),
      memorySection(roundFigures),
      modulesSection(report.census),
      wsSection(report, roundFigures),
      spanThroughputSection(report),
      soakSection(report.soaks),
    ].join('\n\n') + '\n'
  );
}

function header(report: BenchReport): string {
  const { settings, machine } = report;
  return [
    `# Benchmark report (${settings.name} run)`,
    '',
    `Started ${report.startedAt}, took ${Math.round(report.durationSeconds)} s. ` +
      `Node.js ${machine.node} on ${machine.os}, ${machine.cores} × ${machine.cpu}, ` +
      `${machine.memoryGiB} GiB, load average ${machine.loadAverage.toFixed(2)} at the start.`,
    '',
    `${settings.rounds} round(s); each round runs every variant once, in the order ` +
      `${settings.variants.join(', ')}, each in a child process of its own. ` +
      `Per variant and round: ${settings.warmUpSeconds} s of warm-up, ` +
      `${settings.httpSeconds} s of HTTP load at ${settings.connections} connections, ` +
      `${settings.wsSeconds} s of socket.io round trips with ${settings.wsClients} clients, ` +
      `then a CommonJS start. Figures are medians with the min–max over the rounds; ` +
      `ratios (×) and deltas (Δ) pair each round with the uninstrumented run of the same round.`,
    ...childEnvLine(settings.childEnv),
  ].join('\n');
}

function childEnvLine(env: Readonly<Record<string, string>>): string[] {
  const entries = Object.entries(env);
  if (entries.length === 0) return [];
  const assignments = entries
    .map(([key, value]) => `\`${key}=${value}\``)
    .join(', ');
  return ['', `Every app child ran with ${assignments}.`];
}

function targetsSection(
  report: BenchReport,
  figures: readonly VariantFigures[],
): string {
  const checks = checkTargets(report, figures);
  if (checks.length === 0) {
    return section(
      'Targets',
      'No target applies: the targets compare `seda` with `otel-auto`, ' +
        'and this run does not include both.',
    );
  }
  const withUnit = (value: number, unit: string) =>
    Number.isFinite(value) ? `${formatNumber(value)} ${unit}` : '–';
  // A run with the floor variant gets its column, which shows the bounds
  // that lie below what the standard packages cost when they trace HTTP alone.
  const withFloor = checks.some((check) => check.floor !== undefined);
  const headers = ['target', 'bound', 'measured', 'result'];
  if (withFloor) headers.push(label('otel-http-floor'));
  const rows = checks.map((check) => {
    const row = [
      check.target,
      withUnit(check.bound, check.unit),
      withUnit(check.measured, check.unit),
      resultOf(check),
    ];
    if (withFloor) row.push(withUnit(check.floor ?? Number.NaN, check.unit));
    return row;
  });
  return section('Targets', table(headers, rows));
}

/**
 * Renders a check's result. A check whose figures the run lacks is neither
 * met nor missed.
 */
function resultOf(check: TargetCheck): string {
  if (!Number.isFinite(check.bound) || !Number.isFinite(check.measured)) {
    return 'not measured';
  }
  return check.met ? 'met' : '**missed**';
}

function httpSection(
  report: BenchReport,
  figures: readonly VariantFigures[],
): string {
  const rows = figures.map((f) => [
    label(f.variant),
    formatSummary(f.requestsPerSecond, 0),
    formatSummary(f.requestsPerSecondRatio, 2),
    formatSummary(f.p50Millis, 1),
    formatSummary(f.p99Millis, 1),
    formatSummary(f.p99Ratio, 2),
    formatSummary(f.cpuMicrosPerRequest, 0),
    formatSummary(f.extraCpuMicrosPerRequest, 0),
    formatSummary(f.extraMainThreadCpuMicrosPerRequest, 0),
    formatSummary(f.extraOtherThreadsCpuMicrosPerRequest, 0),
    formatNumber(censusOf(report.census, f.variant, 'esm')?.spansPerRequest),
    formatSummary(f.exportedSpansPerRequest, 1),
  ]);
  return section(
    `HTTP: \`GET ${ROUTE}\`, ${report.settings.connections} connections`,
    table(
      [
        'variant',
        'req/s',
        'req/s ×',
        'p50 ms',
        'p99 ms',
        'p99 ×',
        'CPU µs/req',
        'Δ CPU µs/req',
        'Δ main thread',
        'Δ other threads',
        'spans/req',
        'exported spans/req',
      ],
      rows,
    ),
  );
}

function startSection(figures: readonly VariantFigures[]): string {
  const rows = figures.map((f) => [
    label(f.variant),
    formatSummary(f.esmStartupMillis, 0),
    formatSummary(f.esmStartupDeltaMillis, 0),
    formatSummary(f.esmStartCpuDeltaMillis, 0),
    formatSummary(f.cjsStartupMillis, 0),
    formatSummary(f.cjsStartupDeltaMillis, 0),
    formatSummary(f.cjsStartCpuDeltaMillis, 0),
  ]);
  return section(
    'Start-up: spawn to the first 200 response',
    table(
      [
        'variant',
        'ES modules ms',
        'Δ ms',
        'Δ CPU ms',
        'CommonJS ms',
        'Δ ms',
        'Δ CPU ms',
      ],
      rows,
    ),
  );
}

function memorySection(figures: readonly VariantFigures[]): string {
  const rows = figures.map((f) => [
    label(f.variant),
    formatSummary(f.esmRssStartMiB, 0),
    formatSummary(f.esmRssStartDeltaMiB, 0),
    formatSummary(f.cjsRssStartMiB, 0),
    formatSummary(f.cjsRssStartDeltaMiB, 0),
    formatSummary(f.rssAfterLoadMiB, 0),
    formatSummary(f.rssAfterLoadDeltaMiB, 0),
  ]);
  return section(
    'Memory: RSS in MiB',
    table(
      [
        'variant',
        'ESM at start',
        'Δ',
        'CommonJS at start',
        'Δ',
        'ESM after load',
        'Δ',
      ],
      rows,
    ),
  );
}

function modulesSection(census: readonly CensusMeasurement[]): string {
  const rows = census.map((c) => [
    label(c.variant),
    c.system === 'esm' ? 'ES modules' : 'CommonJS',
    String(c.modules.files),
    String(c.modules.esmFiles),
    String(c.modules.cjsFiles),
    String(c.modules.resolveCalls),
    String(c.modules.requireCache),
    String(c.modules.builtins),
  ]);
  return section(
    'Modules loaded at start',
    table(
      [
        'variant',
        'app',
        'files',
        'ESM files',
        'CJS files',
        'resolve calls',
        'require.cache',
        'built-ins',
      ],
      rows,
    ),
  );
}

function wsSection(
  report: BenchReport,
  figures: readonly VariantFigures[],
): string {
  const rows = figures.map((f) => [
    label(f.variant),
    formatSummary(f.wsMessagesPerSecond, 0),
    formatSummary(f.wsMessagesPerSecondRatio, 2),
    formatSummary(f.wsP99Millis, 1),
    formatSummary(f.wsP99Ratio, 2),
    formatNumber(censusOf(report.census, f.variant, 'esm')?.spansPerMessage),
  ]);
  return section(
    `WebSocket: socket.io \`room:join\` round trips, ${report.settings.wsClients} clients`,
    table(
      ['variant', 'msg/s', 'msg/s ×', 'p99 ms', 'p99 ×', 'spans/msg'],
      rows,
    ),
  );
}

function spanThroughputSection(report: BenchReport): string {
  const rows = report.spanThroughput.map((step) => [
    formatNumber(step.targetRate),
    formatNumber(step.createdRate),
    formatNumber(step.created),
    formatNumber(step.received),
    formatNumber(step.lost),
    formatNumber(step.reportedDrops),
    formatNumber(step.cpuMicrosPerSpan),
    formatNumber(step.collectorCoreShare),
  ]);
  return section(
    `Export path: spans per second through the batch processor (${report.settings.spanSeconds} s per rate)`,
    table(
      [
        'target spans/s',
        'created/s',
        'created',
        'received',
        'lost',
        'drops reported',
        'CPU µs/span',
        'collector cores',
      ],
      rows,
    ),
  );
}

function soakSection(soaks: readonly SoakResult[]): string {
  const mib = (values: readonly number[]) =>
    values.map((bytes) => formatNumber(bytes / MIB)).join(' → ');
  const count = (value: number | undefined) =>
    value === undefined ? '–' : formatNumber(value);
  const rows = soaks.map((soak) => [
    soak.mode === 'control' ? 'control (no telemetry)' : soak.mode,
    String(soak.seconds),
    formatNumber(soak.http.requestsPerSecond),
    formatNumber(soak.http.p50Millis),
    formatNumber(soak.http.p99Millis),
    mib([
      soak.rssAfterWarmUpBytes,
      soak.rssHalfBytes,
      soak.rssThreeQuartersBytes,
      soak.rssEndBytes,
    ]),
    `${formatNumber(soak.rssGrowth * 100)} %`,
    mib(soak.retainedBytes),
    `${formatNumber(soak.retainedGrowth * 100)} %`,
    count(soak.counters?.droppedSpans),
    count(soak.counters?.failedSpans),
    count(soak.counters?.exportedSpans),
  ]);
  return section(
    'Export path: soak of `@seda/telemetry` with the collector down',
    table(
      [
        'collector',
        's',
        'req/s',
        'p50 ms',
        'p99 ms',
        'RSS MiB at ¼, ½, ¾, end',
        'RSS growth',
        'retained MiB at ¼, ½, ¾, end',
        'retained growth',
        'dropped',
        'export failed',
        'exported',
      ],
      rows,
    ),
  );
}

function censusOf(
  census: readonly CensusMeasurement[],
  variant: VariantId,
  system: 'esm' | 'cjs',
): CensusMeasurement | undefined {
  return census.find((c) => c.variant === variant && c.system === system);
}

function label(id: VariantId): string {
  return variantById(id).label;
}

function section(title: string, body: string): string {
  return `## ${title}\n\n${body}`;
}

/** Renders a Markdown table, or a sentence when the run measured no row of it. */
function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  if (rows.length === 0) {
    return 'Not measured in this run (see `--parts` and `--variants`).';
  }
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(headers),
    line(headers.map(() => '---')),
    ...rows.map(line),
  ].join('\n');
}

/** `median (min–max)`, or `n/a` when a figure has no value. */
export function formatSummary(
  summary: Summary | undefined,
  digits: number,
): string {
  if (!summary) return 'n/a';
  const fixed = (value: number) => value.toFixed(digits);
  if (summary.count === 1) return fixed(summary.median);
  return `${fixed(summary.median)} (${fixed(summary.min)}–${fixed(summary.max)})`;
}

function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}
