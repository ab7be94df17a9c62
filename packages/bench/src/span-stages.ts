// `node dist/span-stages.js [--rounds N] [--seconds N] [--rate N]`: splits
// the CPU time of a span in the OpenTelemetry SDK's pipeline into its
// stages. Each round runs the span generator once per stage, interleaved,
// each in a child of its own. The stages are the tracer alone, then the
// batch span processor, then the OTLP/HTTP protobuf exporter sending to a
// local collector that responds without decoding. The medians and their
// range are printed as a Markdown table.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exitOnUsageError, parsePositive } from './cli-options.js';
import { telemetryEnv } from './environment.js';
import { formatSummary } from './report/markdown.js';
import { summarize } from './report/statistics.js';
import { CollectorChild } from './run/collector-child.js';
import { IpcChild } from './run/ipc-child.js';
import { SPAN_BURST_SCRIPT } from './variants.js';

const STAGES = ['create', 'batch', 'export'] as const;
type Stage = (typeof STAGES)[number];

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const STAGE_PRELOAD = fileURLToPath(
  new URL('./children/span-stage.cjs', import.meta.url),
);
/** Time for a child to start, on top of its run. */
const START_TIMEOUT_MILLIS = 30_000;
/** Longer than the exporter's 10 s timeout, so that the last export can end. */
const FLUSH_GRACE_MILLIS = 12_000;

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    rate: { type: 'string', default: '20000' },
  },
});
const [rounds, seconds, rate] = exitOnUsageError('span-stages', () => [
  parsePositive('--rounds', values.rounds),
  parsePositive('--seconds', values.seconds),
  parsePositive('--rate', values.rate),
]);

const collector = await CollectorChild.start();
await collector.setMode('discard');
const perSpan = new Map<Stage, number[]>(STAGES.map((stage) => [stage, []]));
try {
  for (let round = 1; round <= rounds; round += 1) {
    for (const stage of STAGES) {
      perSpan.get(stage)?.push(await measureStage(stage));
    }
  }
} finally {
  await collector.close();
}
process.stdout.write(renderTable());

/** Runs the generator over one stage and returns its CPU time per span. */
async function measureStage(stage: Stage): Promise<number> {
  const child = new IpcChild({
    nodeArgs: ['--require', STAGE_PRELOAD],
    script: SPAN_BURST_SCRIPT,
    env: {
      ...telemetryEnv('seda', collector.url),
      BENCH_SPAN_STAGE: stage,
      BENCH_SPAN_RATE: String(rate),
      BENCH_SPAN_SECONDS: String(seconds),
    },
    cwd: BENCH_DIR,
  });
  try {
    const done = await child.next<{ created: number; cpuMicros: number }>(
      'done',
      seconds * 1000 + START_TIMEOUT_MILLIS,
    );
    return done.cpuMicros / done.created;
  } finally {
    await child.stop('SIGTERM', FLUSH_GRACE_MILLIS);
  }
}

function renderTable(): string {
  const rows = STAGES.map((stage, index) => {
    const own = perSpan.get(stage) ?? [];
    const previous = index > 0 ? perSpan.get(STAGES[index - 1] as Stage) : undefined;
    const added = previous
      ? own.map((value, round) => value - (previous[round] ?? Number.NaN))
      : own;
    return `| ${stage} | ${formatSummary(summarize(own), 1)} | ${formatSummary(summarize(added), 1)} |`;
  });
  return [
    `${rounds} round(s) of ${seconds} s at ${rate} spans/s; CPU µs per span, median (min–max).`,
    '',
    '| stage | CPU µs/span | added by the stage |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
