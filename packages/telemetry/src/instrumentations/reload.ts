import { definitionsOf, type TrackedDefinition } from './load-check.js';
import type { ActiveInstrumentation } from './registry.js';

const LOADED = Symbol.for('@seda/telemetry.loaded-modules');

interface LoadedModule {
  readonly exports: unknown;
  readonly version: string | undefined;
}

type ProcessState = { [LOADED]?: Map<string, LoadedModule> };

/**
 * Remembers the modules the instrumentations patched, before the SDK stops.
 * `require-in-the-middle` hands a module to the hooks only the first time it
 * is required, so instrumentations of a later start in the same process (a
 * test suite restarting the SDK) would otherwise never see it.
 */
export function rememberLoadedModules(
  active: readonly ActiveInstrumentation[],
  patchedModules: ReadonlySet<string>,
): void {
  const loaded = loadedModules();
  for (const { name, instrumentation } of active) {
    for (const module of definitionsOf(instrumentation)) {
      if (!patchedModules.has(module.name)) continue;
      for (const definition of [module, ...(module.files ?? [])]) {
        if (definition.moduleExports === undefined) continue;
        loaded.set(key(name, definition), {
          exports: definition.moduleExports,
          version: definition.moduleVersion,
        });
      }
    }
  }
}

/**
 * Hands the remembered modules to the instrumentations of this start and
 * patches them, as the instrumentation would have on `require`. Only
 * modules a previous instrumentation patched are remembered, so their
 * versions are supported.
 */
export function restoreLoadedModules(active: readonly ActiveInstrumentation[]): void {
  const loaded = loadedModules();
  if (loaded.size === 0) return;

  for (const { name, instrumentation } of active) {
    for (const definition of allDefinitions(definitionsOf(instrumentation))) {
      const module = loaded.get(key(name, definition));
      if (!module || definition.moduleExports !== undefined) continue;

      definition.moduleExports = module.exports;
      definition.moduleVersion = module.version;
      definition.patch?.(module.exports, module.version);
    }
  }
}

function loadedModules(): Map<string, LoadedModule> {
  const state = globalThis as ProcessState;
  state[LOADED] ??= new Map();
  return state[LOADED];
}

function allDefinitions(definitions: readonly TrackedDefinition[]): TrackedDefinition[] {
  return definitions.flatMap((definition) => [definition, ...(definition.files ?? [])]);
}

function key(instrumentation: string, definition: TrackedDefinition): string {
  return `${instrumentation}\u0000${definition.name}`;
}
