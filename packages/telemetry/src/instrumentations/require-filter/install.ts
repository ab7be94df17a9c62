import { Module } from 'node:module';
import type { DiagLogger } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { HookedPackages } from './hooked-packages.js';

type RequireFunction = (this: Module, id: string) => unknown;

/**
 * Process-wide `require-in-the-middle` hook of one copy of
 * `@opentelemetry/instrumentation`, where each instrumentation of that copy
 * registers its module names. It is a field of `InstrumentationBase`
 * without a public type.
 */
interface SharedRequireHook {
  register(moduleName: string, onRequire: unknown): unknown;
  [FILTERED]?: HookedPackages;
}

interface WithSharedHook {
  _requireInTheMiddleSingleton?: unknown;
  getModuleDefinitions?(): { name: string }[];
}

const FILTERED = Symbol.for('@seda/telemetry.require-filter');

/**
 * Creates an instrumentation with `create`. If that installed the shared
 * `require-in-the-middle` hook of the instrumentation's copy of
 * `@opentelemetry/instrumentation`, puts a filter in front of the hook that
 * lets a `require` skip it when it cannot load a package patched through
 * that copy. The hook resolves every required file again: about a fifth of
 * the instructions that the SDK adds to the example API's start.
 *
 * npm can give each contrib instrumentation a copy of its own, so each copy
 * gets a filter. A filter learns the module names registered later with its
 * hook. A hook that existed before cannot be told apart from other
 * `require` wrappers, so it stays unfiltered.
 */
export function createWithRequireFilter<T extends Instrumentation>(
  create: () => T,
  log: DiagLogger,
): T {
  const plain = Module.prototype.require as RequireFunction;
  const instrumentation = create();
  const hooked = Module.prototype.require as RequireFunction;
  if (hooked === plain) return instrumentation;

  // The filter only saves time, so a failure leaves the hook as it is.
  try {
    install(instrumentation as WithSharedHook, plain, hooked, log);
  } catch (error) {
    log.debug(`require filter: not installed, because it failed: ${String(error)}`);
  }
  return instrumentation;
}

function install(
  instrumentation: WithSharedHook,
  plain: RequireFunction,
  hooked: RequireFunction,
  log: DiagLogger,
): void {
  const hook = sharedHook(instrumentation);
  if (!hook) {
    log.debug('require filter: not installed, because the shared require hook was not found');
    return;
  }
  if (hook[FILTERED]) return;

  const packages = new HookedPackages();
  // The instrumentation may have registered its modules while it was created.
  for (const definition of instrumentation.getModuleDefinitions?.() ?? []) {
    packages.add(definition.name);
  }
  const register = hook.register.bind(hook);
  hook.register = (moduleName, onRequire) => {
    packages.add(moduleName);
    return register(moduleName, onRequire);
  };
  hook[FILTERED] = packages;

  const filtered = function require(this: Module, id: string) {
    if (packages.mayLoad(id, this?.filename)) return hooked.call(this, id);

    const children = this?.children;
    const childCount = children?.length ?? 0;
    const exports = plain.call(this, id);
    // Node.js adds the loaded module to the requiring one's children. When it
    // lies in a hooked package after all, as through an npm alias, the call
    // goes through the hook too, which patches the module or returns it patched.
    const loaded = children && children.length > childCount ? children.at(-1) : undefined;
    return loaded && packages.containsFile(loaded.filename) ? hooked.call(this, id) : exports;
  };
  Module.prototype.require = filtered as typeof Module.prototype.require;
}

function sharedHook(instrumentation: WithSharedHook): SharedRequireHook | undefined {
  const hook = instrumentation._requireInTheMiddleSingleton as SharedRequireHook | undefined;
  return typeof hook?.register === 'function' ? hook : undefined;
}
