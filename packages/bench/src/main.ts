// `pnpm --filter @seda/bench bench [--smoke] [--rounds N] [--load-seconds N]
// [--parts LIST] [--variants LIST] [--env KEY=VALUE ...] [--out PATH]`: runs
// the benchmark, prints the Markdown report and writes it with its JSON data
// to `reports/` (or PATH.md and PATH.json). `--parts` takes a comma-separated
// subset of census,rounds,spans,soak, `--variants` a subset of the variants
// (`none` is always run), and `--load-seconds` shortens every load of a
// round, for a quick before-and-after comparison of a few figures. Each
// `--env` adds a variable to the environment of every app child.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exitOnUsageError, parseBenchOptions } from './cli-options.js';
import { renderReport } from './report/markdown.js';
import { runBench } from './run/run-bench.js';

const { settings, parts, base } = readOptions();
const report = await runBench(
  settings,
  (line) => process.stderr.write(`bench: ${line}\n`),
  parts,
);
const markdown = renderReport(report);
await mkdir(dirname(base), { recursive: true });
await writeFile(`${base}.md`, markdown);
await writeFile(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(markdown);
process.stderr.write(`bench: wrote ${base}.md and ${base}.json\n`);

function readOptions() {
  return exitOnUsageError('bench', () => parseBenchOptions(process.argv.slice(2)));
}
