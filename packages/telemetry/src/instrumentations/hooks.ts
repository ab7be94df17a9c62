import * as nodeModule from 'node:module';
import { isMainThread } from 'node:worker_threads';
import type { DiagLogger } from '@opentelemetry/api';
import { loadModule } from '../exporters/load.js';
import { packageOfSpecifier } from './package-names.js';
import type { PatchedFiles } from './patched-files.js';

/** The mechanism that intercepts ES modules in this process. */
export type ImportHookMode = 'sync' | 'async' | 'unavailable';

const REGISTERED = Symbol.for('@seda/telemetry.import-hook');

interface SyncHooksModule {
  register(options: {
    shouldInclude: (url: string, specifier?: string) => boolean;
  }): void;
  supportsSyncHooks(): boolean;
}

/**
 * Registers the `import-in-the-middle` loader hook for the given packages
 * only, so that ES modules of instrumented libraries can be patched while
 * every other module loads untouched. Synchronous in-thread hooks
 * (`module.registerHooks`) are used where Node.js supports them; older
 * versions get the off-thread `module.register` loader.
 *
 * `patched.files` are the files inside those packages that the
 * instrumentations patch (`@nestjs/core/router/router-execution-context.js`).
 * With the synchronous hooks, a package with listed files gets only those
 * files wrapped, and its entry when an instrumentation patches the entry
 * too, instead of every file. Each wrapped module costs a parse of its
 * source and a generated wrapper module at start. An entry that re-exports
 * the whole package (`export *`) costs a parse of each of its files:
 * `@nestjs/core` alone has about 170.
 */
export function registerImportHooks(
  packages: readonly string[],
  log: DiagLogger,
  patched: PatchedFiles = { files: [], entryUnpatched: [] },
): ImportHookMode {
  const registry = globalThis as { [REGISTERED]?: ImportHookMode };
  const known = registry[REGISTERED];
  if (known) return known;

  const mode = register(packages, patched, log);
  registry[REGISTERED] = mode;
  log.debug(`import hook: ${mode} for ${packages.join(', ')}`);
  return mode;
}

/**
 * Loads `import-in-the-middle`'s synchronous hooks, an ES module. Returns
 * `undefined` when Node.js cannot `require` it (`--no-experimental-require-module`).
 */
function loadSyncHooks(log: DiagLogger): SyncHooksModule | undefined {
  try {
    return loadModule<SyncHooksModule>('import-in-the-middle/register-hooks.mjs');
  } catch (error) {
    log.debug('import hook: cannot load the synchronous hooks, so the loader thread is used', error);
    return undefined;
  }
}

function register(
  packages: readonly string[],
  patched: PatchedFiles,
  log: DiagLogger,
): ImportHookMode {
  const shouldInclude = matchModules(packages, patched);
  const sync = loadSyncHooks(log);
  if (sync?.supportsSyncHooks()) {
    sync.register({ shouldInclude });
    if (runsWithoutScript()) keepBuiltinsBuiltin();
    return 'sync';
  }

  // A loader registered off-thread evaluates the calling file again in the
  // loader thread; only the main thread may register it.
  if (!isMainThread || typeof nodeModule.register !== 'function') {
    log.warn('ES module instrumentation is unavailable in this Node.js version');
    return 'unavailable';
  }
  nodeModule.register('import-in-the-middle/hook.mjs', import.meta.url, {
    data: { include: packages.flatMap((name) => [name, packagePathPattern(name)]) },
  });
  return 'async';
}

function runsWithoutScript(): boolean {
  return (
    process.argv.length < 2 ||
    process.execArgv.some((flag) => /^(?:-[ep]+|--eval|--print)(?:=|$)/.test(flag))
  );
}

/**
 * Fixes the format of built-ins for code without a script file (`node -e`,
 * `-p`, stdin, the REPL). Such code requires from no parent URL, and there
 * the synchronous import-in-the-middle hook (3.6) resolves a built-in such
 * as `module` with the format `commonjs`. Node.js then tries to read it from
 * disk and the process ends with ENOENT. A hook registered later runs first.
 */
function keepBuiltinsBuiltin(): void {
  nodeModule.registerHooks({
    resolve(specifier, context, nextResolve) {
      const result = nextResolve(specifier, context);
      return result.url.startsWith('node:') && result.format !== 'builtin'
        ? { ...result, format: 'builtin' }
        : result;
    },
  });
}

function matchModules(packages: readonly string[], patched: PatchedFiles) {
  const narrowed = new Set(patched.files.map(packageOfSpecifier));
  const patterns = [
    ...packages.filter((name) => !narrowed.has(name)).map(packagePathPattern),
    ...patched.files.map(filePathPattern),
  ];
  const unpatchedEntries = new Set(patched.entryUnpatched);
  const names = new Set(packages.filter((name) => !unpatchedEntries.has(name)));
  return (url: string, specifier?: string): boolean => {
    if (specifier && names.has(stripNodePrefix(specifier))) return true;
    return patterns.some((pattern) => pattern.test(url));
  };
}

function packagePathPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`/node_modules/${escaped}/`);
}

function filePathPattern(file: string): RegExp {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`/node_modules/${escaped}(?:[?#]|$)`);
}

function stripNodePrefix(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}
