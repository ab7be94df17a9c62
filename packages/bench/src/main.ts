// `pnpm --filter @seda/bench bench [--smoke] [--rounds N] [--load-seconds N]
// [--parts LIST] [--out PATH]`: runs the benchmark, prints the Markdown
// report and writes it with its JSON data to `reports/` (or PATH.md and
// PATH.json). `--parts` takes a comma-separated subset of
// census,rounds,spans,soak and `--load-seconds` shortens every load of a
// round, for a quick before-and-after comparison of a few figures.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderReport } from './report/markdown.js';
import { BENCH_PARTS, type BenchPart, runBench } from './run/run-bench.js';
import { FULL_SETTINGS, SMOKE_SETTINGS } from './settings.js';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    out: { type: 'string' },
    rounds: { type: 'string' },
    'load-seconds': { type: 'string' },
    parts: { type: 'string' },
  },
});
const smoke = values.smoke || process.env.BENCH_SMOKE === '1';
const defaults = smoke ? SMOKE_SETTINGS : FULL_SETTINGS;
const loadSeconds = values['load-seconds'];
const settings = {
  ...defaults,
  ...(values.rounds
    ? { rounds: parsePositive('--rounds', values.rounds) }
    : {}),
  ...(loadSeconds
    ? loadDurations(parsePositive('--load-seconds', loadSeconds))
    : {}),
};
const parts = values.parts ? parseParts(values.parts) : BENCH_PARTS;
const reportsDir = fileURLToPath(new URL('../reports/', import.meta.url));
const base = values.out ?? `${reportsDir}${smoke ? 'smoke' : 'latest'}`;

const report = await runBench(
  settings,
  (line) => process.stderr.write(`bench: ${line}\n`),
  parts,
);
const markdown = renderReport(report);
await mkdir(fileURLToPath(new URL('.', `file://${base}`)), { recursive: true });
await writeFile(`${base}.md`, markdown);
await writeFile(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(markdown);
process.stderr.write(`bench: wrote ${base}.md and ${base}.json\n`);

/** Shortens every load of a round, for runs that compare start-up only. */
function loadDurations(seconds: number) {
  return { warmUpSeconds: seconds, httpSeconds: seconds, wsSeconds: seconds };
}

function parsePositive(option: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Invalid ${option} "${text}": use a positive integer.`);
  }
  return value;
}

function parseParts(text: string): BenchPart[] {
  const names = text.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(BENCH_PARTS as readonly string[]).includes(name)) {
      throw new Error(
        `Invalid --parts entry "${name}": use ${BENCH_PARTS.join(', ')}.`,
      );
    }
  }
  return names as BenchPart[];
}
