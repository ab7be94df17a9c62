import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Loads an optional dependency synchronously, so that only the exporters and
 * instrumentations a configuration uses are ever evaluated.
 */
export function loadModule<T>(name: string): T {
  return require(name) as T;
}

/** Returns whether a module can be resolved from the given directories. */
export function isResolvable(name: string, fromDirs: readonly string[]): boolean {
  for (const dir of fromDirs) {
    try {
      createRequire(`${dir}/noop.js`).resolve(name);
      return true;
    } catch {
      // Not resolvable from this directory; the next one may see it.
    }
  }
  return false;
}
