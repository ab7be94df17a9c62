import type { InstrumentationOptions } from '../types.js';
import type { IssueCollector } from './issues.js';
import { type Environment, readList } from './parse.js';

type SwitchName = keyof InstrumentationOptions;

/** The names of `options.instrumentations`, which the variables take too. */
export const INSTRUMENTATION_SWITCHES: readonly SwitchName[] = [
  'http',
  'express',
  'nestjs',
  'prisma',
  'ioredis',
  'socketio',
  'ws',
  'winston',
  'pino',
];

/**
 * Names that `@opentelemetry/auto-instrumentations-node` gives the same
 * instrumentations, so that a service moved from that bundle keeps its
 * variables.
 */
const ALIASES: Readonly<Record<string, SwitchName>> = {
  'nestjs-core': 'nestjs',
  'socket.io': 'socketio',
};

const ENABLED = 'OTEL_NODE_ENABLED_INSTRUMENTATIONS';
const DISABLED = 'OTEL_NODE_DISABLED_INSTRUMENTATIONS';

/**
 * Reads `OTEL_NODE_ENABLED_INSTRUMENTATIONS` (only these) and then
 * `OTEL_NODE_DISABLED_INSTRUMENTATIONS` (all but these) into switches that
 * are `false` for each instrumentation turned off. An option in code still
 * wins over both.
 */
export function readInstrumentationSwitches(
  env: Environment,
  issues: IssueCollector,
): InstrumentationOptions | undefined {
  const enabled = readNames(env, ENABLED, issues);
  const disabled = readNames(env, DISABLED, issues);
  if (enabled === undefined && disabled === undefined) return undefined;

  const switches: InstrumentationOptions = {};
  for (const name of INSTRUMENTATION_SWITCHES) {
    const off =
      (enabled !== undefined && !enabled.has(name)) ||
      (disabled?.has(name) ?? false);
    if (off) switches[name] = false;
  }
  return switches;
}

function readNames(
  env: Environment,
  variable: string,
  issues: IssueCollector,
): Set<SwitchName> | undefined {
  const entries = readList(env, variable);
  if (entries === undefined) return undefined;

  const names = new Set<SwitchName>();
  for (const entry of entries) {
    const name = toSwitchName(entry);
    if (name) {
      names.add(name);
    } else {
      issues.add({
        source: variable,
        value: entry,
        expected:
          `names from ${INSTRUMENTATION_SWITCHES.join(', ')}, ` +
          `or the aliases ${Object.keys(ALIASES).join(', ')}`,
        fallback: 'the other entries',
      });
    }
  }
  return names;
}

function toSwitchName(entry: string): SwitchName | undefined {
  const name = entry.replace(/^@opentelemetry\/instrumentation-/, '');
  if ((INSTRUMENTATION_SWITCHES as readonly string[]).includes(name)) {
    return name as SwitchName;
  }
  return ALIASES[name];
}
