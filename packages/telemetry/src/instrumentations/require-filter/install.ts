import { Module } from 'node:module';
import type { DiagLogger } from '@opentelemetry/api';
import { InstrumentationBase } from '@opentelemetry/instrumentation';
import { HookedPackages } from './hooked-packages.js';

type RequireFunction = (this: Module, id: string) => unknown;

/**
 * Process-wide `require-in-the-middle` hook of one copy of
 * `@opentelemetry/instrumentation`, where each instrumentation registers its
 * module names. It is a field of `InstrumentationBase` without a public type.
 */
interface SharedRequireHook {
  register(moduleName: string, onRequire: unknown): unknown;
}

const FILTERED = Symbol.for('@seda/telemetry.require-filter');

interface ProcessState {
  [FILTERED]?: HookedPackages;
}

/** Instrumentation that patches nothing: creating it creates the shared hook. */
class SharedHookOpener extends InstrumentationBase {
  constructor() {
    super('@seda/telemetry/require-filter', '0.0.0', { enabled: false });
  }

  protected override init(): [] {
    return [];
  }

  sharedHook(): SharedRequireHook | undefined {
    const hook = (this as unknown as { _requireInTheMiddleSingleton?: unknown })
      ._requireInTheMiddleSingleton;
    return typeof (hook as SharedRequireHook | undefined)?.register === 'function'
      ? (hook as SharedRequireHook)
      : undefined;
  }
}

/**
 * Lets `require` calls skip `require-in-the-middle` when they cannot load a
 * package that an instrumentation patches. The shared hook resolves every
 * required file a second time and looks up the package of each new one: in
 * the example API's start, about a fifth of the instructions that the SDK
 * adds (callgrind counts). The filter learns each module name registered
 * with the hook, also by instrumentations that the application creates
 * later with the same copy of `@opentelemetry/instrumentation`.
 *
 * Call it before any instrumentation is created. When the shared hook
 * already exists, the filter cannot tell it apart from other `require`
 * wrappers, so every call keeps going through the hook.
 */
export function filterRequireHook(log: DiagLogger): void {
  const state = globalThis as ProcessState;
  if (state[FILTERED]) return;

  // The filter only saves time, so a failure leaves the hook as it is.
  try {
    state[FILTERED] = install(log);
  } catch (error) {
    log.debug(`require filter: not installed, because it failed: ${String(error)}`);
  }
}

function install(log: DiagLogger): HookedPackages | undefined {
  const plain = Module.prototype.require as RequireFunction;
  const hook = new SharedHookOpener().sharedHook();
  const hooked = Module.prototype.require as RequireFunction;
  if (hooked === plain) {
    log.debug('require filter: not installed, because the shared require hook existed before the SDK');
    return undefined;
  }
  if (!hook) {
    log.debug('require filter: not installed, because the shared require hook was not found');
    return undefined;
  }

  const packages = new HookedPackages();
  const register = hook.register.bind(hook);
  hook.register = (moduleName, onRequire) => {
    packages.add(moduleName);
    return register(moduleName, onRequire);
  };

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
  return packages;
}
