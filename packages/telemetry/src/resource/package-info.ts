import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The `name` and `version` of the application's package.json, when found. */
export interface PackageInfo {
  readonly name?: string;
  readonly version?: string;
}

/**
 * Finds the package.json nearest to the entry script (or the working
 * directory) and returns its name and version. Packages inside
 * `node_modules` are skipped, so a CLI such as a process manager is not taken
 * for the application.
 */
export function findPackageInfo(startDirs: readonly string[]): PackageInfo {
  for (const start of startDirs) {
    const info = searchUpwards(start);
    if (info) return info;
  }
  return {};
}

function searchUpwards(start: string): PackageInfo | undefined {
  let dir = start;
  for (;;) {
    if (!dir.split(/[\\/]/).includes('node_modules')) {
      // A `package.json` without a name, such as `{"type":"module"}` in a
      // build folder, does not describe the application.
      const info = readPackageJson(join(dir, 'package.json'));
      if (info?.name) return info;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function readPackageJson(path: string): PackageInfo | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }

  try {
    const json = JSON.parse(text) as { name?: unknown; version?: unknown };
    return {
      name: typeof json.name === 'string' ? json.name : undefined,
      version: typeof json.version === 'string' ? json.version : undefined,
    };
  } catch {
    return undefined;
  }
}
