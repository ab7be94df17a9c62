import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type {
  AlertName,
  AlertThresholds,
  OperatorSettings,
  Thresholds,
} from './schema.js';
import { thresholdProblems } from './validate.js';

/** The shipped thresholds, which every override starts from. */
export const DEFAULT_THRESHOLDS_FILE = fileURLToPath(
  new URL('../../rules/thresholds.yaml', import.meta.url),
);

/** An override: some of the keys of the thresholds file. */
export interface ThresholdsOverride {
  readonly runbookUrl?: string;
  readonly operator?: Partial<OperatorSettings>;
  readonly alerts?: {
    readonly [A in AlertName]?: Partial<AlertThresholds[A]>;
  };
}

/** A thresholds file that failed validation, with every problem in it. */
export class ThresholdsError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid thresholds in ${source}:\n  ${problems.join('\n  ')}`);
    this.name = 'ThresholdsError';
  }
}

/**
 * Reads the shipped thresholds and applies each override in order: a path
 * to a YAML file with some of the same keys, or an object of that shape.
 *
 * @throws ThresholdsError listing every problem of the first invalid file.
 * @throws Error when a file cannot be read or is not valid YAML.
 */
export function loadThresholds(
  overrides: readonly (string | ThresholdsOverride)[] = [],
): Thresholds {
  let thresholds = parseFile(DEFAULT_THRESHOLDS_FILE, false) as Thresholds;
  overrides.forEach((override, index) => {
    const parsed =
      typeof override === 'string'
        ? parseFile(override, true)
        : validated(override, `override ${index + 1}`, true);
    thresholds = mergeThresholds(thresholds, parsed as ThresholdsOverride);
  });
  return thresholds;
}

/** Applies an override field by field; `operator.labels` is replaced whole. */
export function mergeThresholds(
  base: Thresholds,
  override: ThresholdsOverride,
): Thresholds {
  const alerts = Object.fromEntries(
    Object.entries(base.alerts).map(([name, settings]) => [
      name,
      { ...settings, ...override.alerts?.[name as AlertName] },
    ]),
  ) as unknown as AlertThresholds;

  return {
    runbookUrl: override.runbookUrl ?? base.runbookUrl,
    operator: {
      name: override.operator?.name ?? base.operator.name,
      labels: override.operator?.labels ?? base.operator.labels,
    },
    alerts,
  };
}

function parseFile(path: string, partial: boolean): unknown {
  return validated(parse(readFileSync(path, 'utf8')), path, partial);
}

function validated(value: unknown, source: string, partial: boolean): unknown {
  const problems = thresholdProblems(value ?? {}, partial);
  if (problems.length > 0) throw new ThresholdsError(source, problems);
  return value ?? {};
}
