import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The Prometheus and Alertmanager programs the tests run, by the names of
 * Debian's packages first (`prometheus`, `prometheus-alertmanager`) and
 * the upstream release's second.
 */
const TOOL_NAMES = {
  promtool: ['promtool'],
  prometheus: ['prometheus'],
  amtool: ['amtool'],
  alertmanager: ['prometheus-alertmanager', 'alertmanager'],
} as const;

export type ToolName = keyof typeof TOOL_NAMES;

/** Result of looking for tools, with the reason when one is missing. */
export interface ToolsAvailability {
  readonly available: boolean;
  readonly reason: string;
  readonly paths: Partial<Record<ToolName, string>>;
}

const INSTALL_HINT =
  'install them with `apt-get install -y --no-install-recommends prometheus prometheus-alertmanager`';

/** Looks for each tool on `PATH`. */
export function findTools(
  names: readonly ToolName[],
  path = process.env.PATH ?? '',
): ToolsAvailability {
  const paths: Partial<Record<ToolName, string>> = {};
  const missing: string[] = [];
  for (const name of names) {
    const found = findOnPath(TOOL_NAMES[name], path);
    if (found === undefined) missing.push(TOOL_NAMES[name].join(' or '));
    else paths[name] = found;
  }
  const reason =
    missing.length === 0
      ? ''
      : `${missing.join(', ')} not found on PATH; ${INSTALL_HINT}`;
  return { available: missing.length === 0, reason, paths };
}

/**
 * Decides whether a suite needing tools runs. Under CI (`CI` set) it always
 * runs, so that a missing tool fails it; elsewhere it is skipped with the
 * reason printed.
 */
export function shouldRun(
  suite: string,
  tools: ToolsAvailability,
  env: Record<string, string | undefined> = process.env,
): boolean {
  if (tools.available || isCi(env)) return true;

  console.warn(`Skipping the ${suite} tests: ${tools.reason}`);
  return false;
}

/** Returns a tool's path, or throws the reason it is missing. */
export function toolPath(tools: ToolsAvailability, name: ToolName): string {
  const path = tools.paths[name];
  if (path === undefined) {
    throw new Error(`${name} is required under CI: ${tools.reason}`);
  }
  return path;
}

function findOnPath(
  candidates: readonly string[],
  path: string,
): string | undefined {
  for (const name of candidates) {
    for (const folder of path.split(delimiter)) {
      if (folder === '') continue;
      const file = join(folder, name);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    // Missing or not executable: keep looking.
    return false;
  }
}

function isCi(env: Record<string, string | undefined>): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
}
