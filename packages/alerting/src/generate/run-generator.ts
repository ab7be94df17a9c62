import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadThresholds } from '../thresholds/load.js';
import {
  collectorTestFiles,
  type GeneratedFile,
  PACKAGE_ROOT,
  ruleArtifacts,
} from './artifacts.js';
import { staleFiles, writeFiles } from './write-files.js';

export const USAGE = `Usage: seda-alert-rules [--thresholds FILE]... [--out DIR] [--check]

Generates the Prometheus rule files (rules/javascript/, rules/collector/)
and the PrometheusRule manifests (operator/) from the shipped
rules/thresholds.yaml, with each --thresholds file applied over it.

  --thresholds FILE  YAML file with only the values to change; repeatable,
                     later files win
  --out DIR          folder to write rules/ and operator/ into; default: the
                     @seda/alerting package, whose Collector promtool tests
                     are then regenerated too
  --check            write nothing; list the files that differ and exit 1
  --help             print this help
`;

/** Destination of the generator's messages, so that tests can capture them. */
export interface GeneratorOutput {
  log(message: string): void;
  error(message: string): void;
}

/**
 * Runs the generator with command-line arguments and returns the exit
 * code: 0 on success, 1 for stale files under `--check`, 2 for invalid
 * arguments or thresholds.
 */
export function runGenerator(
  args: readonly string[],
  output: GeneratorOutput,
): number {
  const options = parseOptions(args, output);
  if (options === undefined) return 2;
  if (options.help) {
    output.log(USAGE);
    return 0;
  }

  let files: GeneratedFile[];
  try {
    files = filesFor(options.thresholds, options.out);
  } catch (error) {
    output.error((error as Error).message);
    return 2;
  }
  return options.check
    ? reportStale(options.out, files, output)
    : write(options.out, files, output);
}

interface Options {
  thresholds: string[];
  out: string;
  check: boolean;
  help: boolean;
}

function parseOptions(
  args: readonly string[],
  output: GeneratorOutput,
): Options | undefined {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: {
        thresholds: { type: 'string', multiple: true, default: [] },
        out: { type: 'string', default: PACKAGE_ROOT },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    return {
      thresholds: values.thresholds.map((path) => resolve(path)),
      out: resolve(values.out),
      check: values.check,
      help: values.help,
    };
  } catch (error) {
    output.error(`${(error as Error).message}\n\n${USAGE}`);
    return undefined;
  }
}

/**
 * Lists the files to generate. The package's own output also contains the
 * Collector promtool tests, translated from the JavaScript ones, which pin
 * the shipped thresholds.
 */
function filesFor(overrides: string[], out: string): GeneratedFile[] {
  const thresholds = loadThresholds(overrides);
  const files = ruleArtifacts(thresholds);
  const isPackage = out === resolve(PACKAGE_ROOT);
  if (isPackage && overrides.length === 0) {
    files.push(...collectorTestFiles(thresholds));
  }
  return files;
}

function reportStale(
  out: string,
  files: GeneratedFile[],
  output: GeneratorOutput,
): number {
  const stale = staleFiles(out, files);
  if (stale.length === 0) return 0;

  output.error(
    `Out of date in ${out}:\n  ${stale.join('\n  ')}\nRun seda-alert-rules without --check to regenerate them.`,
  );
  return 1;
}

function write(out: string, files: GeneratedFile[], output: GeneratorOutput) {
  writeFiles(out, files);
  output.log(`Wrote ${files.length} files to ${out}`);
  return 0;
}
