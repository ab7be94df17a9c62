import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * Resolves a specifier with the `import` conditions, or `undefined` in the
 * CommonJS build, where `tsup.config.ts` defines it as `undefined`.
 */
const resolveImport: ((name: string) => string) | undefined =
  typeof import.meta.resolve === 'function'
    ? (name) => import.meta.resolve(name)
    : undefined;

/** Node.js can `require()` an ES module graph without top-level await. */
const canRequireEsm =
  (process.features as { require_module?: boolean }).require_module === true;

/**
 * Loads an optional dependency synchronously, so that only the exporters and
 * instrumentations a configuration uses are ever evaluated.
 *
 * In the ES module build the dependency's ES module entry is loaded, through
 * `require(esm)`. A plain `require` would load its CommonJS build, and with
 * it a second copy of `@opentelemetry/api`, `core`, `resources`,
 * `sdk-metrics` and `instrumentation` next to the ES module copies that this
 * package imports. That was about 230 more files to read and evaluate at
 * start with the example API's instrumentations. A dependency that cannot be
 * loaded that way, such as one with top-level await, falls back to its
 * CommonJS build.
 */
export function loadModule<T>(name: string): T {
  const esmEntry = canRequireEsm ? findEsmEntry(name) : undefined;
  if (esmEntry !== undefined) {
    try {
      return require(esmEntry) as T;
    } catch (error) {
      if (!isEsmLoadError(error)) throw error;
    }
  }
  return require(name) as T;
}

function findEsmEntry(name: string): string | undefined {
  try {
    const url = resolveImport?.(name);
    return url?.startsWith('file:') ? fileURLToPath(url) : undefined;
  } catch {
    // Not resolvable for `import`; `require` reports the missing module.
    return undefined;
  }
}

function isEsmLoadError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_REQUIRE_ASYNC_MODULE' || code === 'ERR_REQUIRE_ESM';
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
