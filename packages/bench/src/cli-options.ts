import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_PARTS, type BenchPart } from './run/run-bench.js';
import {
  type BenchSettings,
  FULL_SETTINGS,
  SMOKE_SETTINGS,
} from './settings.js';
import { VARIANTS, type VariantId } from './variants.js';

/** An invalid command line, reported without a stack trace. */
export class UsageError extends Error {}

/**
 * Runs `parse`. On a `UsageError`, writes `command: message` to stderr and
 * ends the process with exit code 2.
 */
export function exitOnUsageError<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${command}: ${error.message}\n`);
    process.exit(2);
  }
}

/** The settings, parts and report path of one run. */
export interface BenchOptions {
  readonly settings: BenchSettings;
  readonly parts: readonly BenchPart[];
  /** The report path without its extension, to which `.md` and `.json` are added. */
  readonly base: string;
}

/** Parses the command line of `main.js`, and throws a `UsageError` on invalid input. */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  const { values } = parseCommandLine(args);
  const smoke = values.smoke || process.env.BENCH_SMOKE === '1';
  const defaults = smoke ? SMOKE_SETTINGS : FULL_SETTINGS;
  const loadSeconds = values['load-seconds'];
  const settings: BenchSettings = {
    ...defaults,
    ...(values.rounds !== undefined
      ? { rounds: parsePositive('--rounds', values.rounds) }
      : {}),
    ...(loadSeconds !== undefined
      ? loadDurations(parsePositive('--load-seconds', loadSeconds))
      : {}),
    ...(values.variants !== undefined
      ? { variants: parseVariants(values.variants) }
      : {}),
    ...(values.env ? { childEnv: parseEnv(values.env) } : {}),
  };
  const parts =
    values.parts !== undefined ? parseParts(values.parts) : BENCH_PARTS;
  const reportsDir = fileURLToPath(new URL('../reports/', import.meta.url));
  const base = resolve(values.out ?? `${reportsDir}${smoke ? 'smoke' : 'latest'}`);
  return { settings, parts, base };
}

function parseCommandLine(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        smoke: { type: 'boolean', default: false },
        out: { type: 'string' },
        rounds: { type: 'string' },
        'load-seconds': { type: 'string' },
        parts: { type: 'string' },
        variants: { type: 'string' },
        env: { type: 'string', multiple: true },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `${message}. The options are --smoke, --rounds, --load-seconds, ` +
        '--parts, --variants, --env and --out.',
    );
  }
}

/** Shortens every load of a round, for runs that compare start-up only. */
function loadDurations(seconds: number) {
  return { warmUpSeconds: seconds, httpSeconds: seconds, wsSeconds: seconds };
}

/** Parses a positive integer option, and throws a `UsageError` on anything else. */
export function parsePositive(option: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`Invalid ${option} "${text}": use a positive integer.`);
  }
  return value;
}

/** Parses `--variants`, and throws a `UsageError` on an unknown one. `none` is always first. */
export function parseVariants(text: string): VariantId[] {
  const known = VARIANTS.map((variant) => variant.id);
  const names = text.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(known as string[]).includes(name)) {
      throw new UsageError(
        `Invalid --variants entry "${name}": use ${known.join(', ')}.`,
      );
    }
  }
  // Every ratio and delta pairs a variant with the uninstrumented run.
  return known.filter((id) => id === 'none' || names.includes(id));
}

/** Parses `KEY=VALUE` assignments of `--env`, and throws a `UsageError` on a malformed one. */
export function parseEnv(assignments: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const assignment of assignments) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(assignment);
    if (!match?.[1]) {
      throw new UsageError(
        `Invalid --env "${assignment}": use KEY=VALUE, such as ` +
          'OTEL_NODE_ENABLED_INSTRUMENTATIONS=http.',
      );
    }
    env[match[1]] = match[2] ?? '';
  }
  return env;
}

function parseParts(text: string): BenchPart[] {
  const names = text.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(BENCH_PARTS as readonly string[]).includes(name)) {
      throw new UsageError(
        `Invalid --parts entry "${name}": use ${BENCH_PARTS.join(', ')}.`,
      );
    }
  }
  return names as BenchPart[];
}
