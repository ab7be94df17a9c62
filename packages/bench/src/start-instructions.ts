// `node dist/start-instructions.js [--variants LIST] [--system esm|cjs|both]
// [--env KEY=VALUE]...`: counts the instructions that each variant of the
// example API runs from spawn to its first successful response, under
// valgrind's callgrind tool. On a shared machine, start-up times of the same
// variant spread by a fifth or more from one run to the next, while repeated
// counts of the same start differed by about 1 % here. It prints a Markdown
// table with each variant's count and its difference from no telemetry.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import {
  exitOnUsageError,
  parseEnv,
  parseVariants,
  UsageError,
} from './cli-options.js';
import { startAppChild } from './run/app-child.js';
import { CollectorChild } from './run/collector-child.js';
import { copyDatabase, createTemplateDatabase } from './run/database.js';
import { type ModuleSystem, type VariantId, variantById } from './variants.js';

const run = promisify(execFile);

/** A start under valgrind runs some 50 times slower: about 45 s for the example API here. */
const START_TIMEOUT_MILLIS = 600_000;
/**
 * Keeps batch and metric exports out of the counted start, which valgrind
 * stretches past their 5 s delay.
 */
const NO_TIMED_EXPORTS = {
  OTEL_BSP_SCHEDULE_DELAY: '600000',
  OTEL_BLRP_SCHEDULE_DELAY: '600000',
  OTEL_METRIC_EXPORT_INTERVAL: '600000',
};

const [variants, systems, extraEnv] = exitOnUsageError('start-instructions', () => {
  const values = parseCommandLine();
  return [
    parseVariants(values.variants),
    parseSystems(values.system),
    parseEnv(values.env),
  ] as const;
});
await requireValgrind();

const dir = await mkdtemp(join(tmpdir(), 'seda-bench-instructions-'));
const collector = await CollectorChild.start();
await collector.setMode('discard');
try {
  const template = await createTemplateDatabase(dir, 1, 60_000);
  const rows: string[] = [];
  for (const system of systems) {
    let baseline: number | undefined;
    for (const id of variants) {
      const count = await countStart(id, system, template);
      baseline ??= count;
      rows.push(formatRow(id, system, count, baseline));
      process.stderr.write(`${id} (${system}): ${count} instructions\n`);
    }
  }
  process.stdout.write(
    '| variant | module system | instructions (millions) | Δ from no telemetry |\n' +
      '| --- | --- | --- | --- |\n' +
      `${rows.join('\n')}\n`,
  );
} finally {
  await collector.close();
  await rm(dir, { recursive: true, force: true });
}

/**
 * Starts the variant under callgrind, dumps the count once the first request
 * has succeeded, and stops the child.
 */
async function countStart(
  id: VariantId,
  system: ModuleSystem,
  template: string,
): Promise<number> {
  const out = join(dir, `${id}-${system}.callgrind`);
  const app = await startAppChild({
    variant: variantById(id),
    system,
    endpoint: collector.url,
    databaseUrl: await copyDatabase(template, join(dir, `${id}-${system}.db`)),
    startTimeoutMillis: START_TIMEOUT_MILLIS,
    wrapper: ['valgrind', '--tool=callgrind', `--callgrind-out-file=${out}`],
    extraEnv: { ...NO_TIMED_EXPORTS, ...extraEnv },
  });
  try {
    await run('callgrind_control', ['--dump', String(app.child.pid)]);
    return await readDumpedCount(out);
  } finally {
    await app.child.stop('SIGTERM', 30_000);
  }
}

/** Reads the `summary:` line of the first dump, which callgrind names `<out>.1`. */
async function readDumpedCount(out: string): Promise<number> {
  const dump = `${out}.1`;
  const match = /^summary: (\d+)$/m.exec(await readFile(dump, 'utf8'));
  if (!match?.[1]) throw new Error(`summary line missing in ${dump}: callgrind did not finish the dump`);
  return Number(match[1]);
}

function formatRow(
  variant: VariantId,
  system: ModuleSystem,
  count: number,
  baseline: number,
): string {
  const millions = (value: number) => Math.round(value / 1e6).toLocaleString('en');
  const delta = variant === 'none' ? '' : `+${millions(count - baseline)}`;
  return `| ${variantById(variant).label} | ${system} | ${millions(count)} | ${delta} |`;
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        variants: { type: 'string', default: 'none,seda,otel-auto,sdk-node' },
        system: { type: 'string', default: 'both' },
        env: { type: 'string', multiple: true, default: [] as string[] },
      },
    }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `${message.replace(/\.$/, '')}. The options are --variants, --system and --env.`,
    );
  }
}

function parseSystems(text: string): ModuleSystem[] {
  if (text === 'both') return ['esm', 'cjs'];
  if (text === 'esm' || text === 'cjs') return [text];
  throw new UsageError(`Invalid --system "${text}": use esm, cjs or both.`);
}

async function requireValgrind(): Promise<void> {
  try {
    await run('valgrind', ['--version']);
  } catch {
    process.stderr.write(
      'start-instructions: valgrind not found on PATH; install it, ' +
        'for example with `apt-get install valgrind`.\n',
    );
    process.exit(2);
  }
}
