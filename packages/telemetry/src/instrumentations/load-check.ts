import { createRequire } from 'node:module';
import type { DiagLogger } from '@opentelemetry/api';
import type { ActiveInstrumentation } from './registry.js';

const require = createRequire(import.meta.url);

const START_ORDER_FIX =
  'start telemetry before the application loads them: ' +
  '`node --import @seda/telemetry/register app.js` (ESM) or ' +
  '`node --require @seda/telemetry/register app.js` (CommonJS), or call ' +
  'startTelemetry() in the first module and import the application ' +
  'dynamically after it';

/**
 * Warns about instrumented packages that are already in the CommonJS module
 * cache when the SDK starts. A module loaded before its instrumentation is
 * not patched, and no other part of the SDK would report it.
 */
export function warnAboutPreloadedPackages(
  active: readonly ActiveInstrumentation[],
  log: DiagLogger,
): void {
  const loadedFiles = Object.keys(require.cache);
  let warned = false;
  for (const { name, packages } of active) {
    const preloaded = packages.filter((pkg) =>
      loadedFiles.some((file) => file.includes(`/node_modules/${pkg}/`)),
    );
    if (preloaded.length > 0) {
      warned = true;
      log.warn(
        `${preloaded.join(', ')} loaded before the SDK started, so the ${name} ` +
          `instrumentation may produce nothing; ${START_ORDER_FIX}`,
      );
    }
  }
  // ES modules leave no trace in the CommonJS cache, so when CommonJS
  // packages came too early, NestJS 12 (ES modules only) probably did too.
  if (warned && active.some((entry) => entry.name === 'nestjs')) {
    log.warn(
      '@nestjs/core is an ES module, whose early load cannot be detected; if ' +
        'the application was imported before the SDK started, NestJS spans ' +
        'are missing as well',
    );
  }
}

export interface TrackedDefinition {
  name: string;
  supportedVersions: string[];
  moduleVersion?: string;
  patch?: (exports: unknown, version?: string) => unknown;
  moduleExports?: unknown;
  files?: TrackedDefinition[];
}

/**
 * Returns the module definitions an instrumentation patches with.
 * `getModuleDefinitions()` builds fresh copies on every call, which the
 * patching never sees, so `InstrumentationBase`'s own `_modules` list is read
 * when it exists (`@opentelemetry/instrumentation` 0.301).
 */
export function definitionsOf(instrumentation: unknown): TrackedDefinition[] {
  const withModules = instrumentation as {
    _modules?: unknown;
    getModuleDefinitions?: () => unknown[];
  };
  if (Array.isArray(withModules._modules)) {
    return withModules._modules as TrackedDefinition[];
  }
  return (withModules.getModuleDefinitions?.() ?? []) as TrackedDefinition[];
}

/** Records which modules got patched, to report what was skipped and why. */
export class PatchTracker {
  private readonly patched = new Map<string, string | undefined>();
  private readonly definitions: { owner: string; definition: TrackedDefinition }[] = [];
  private reported = false;

  constructor(active: readonly ActiveInstrumentation[]) {
    for (const { name, instrumentation } of active) {
      const definitions = definitionsOf(instrumentation);
      for (const definition of definitions as TrackedDefinition[]) {
        this.definitions.push({ owner: name, definition });
        this.wrapPatch(definition);
        for (const file of definition.files ?? []) this.wrapPatch(file, definition);
      }
    }
  }

  /**
   * Logs each patched module at debug level and warns about each module that
   * was loaded in a version outside the instrumentation's range. Runs once.
   */
  report(log: DiagLogger): void {
    if (this.reported) return;
    this.reported = true;

    for (const [module, version] of this.patched) {
      log.debug(`instrumented ${module}${version ? ` ${version}` : ''}`);
    }
    for (const { owner, definition } of this.definitions) {
      const version = definition.moduleVersion;
      if (version === undefined || this.patched.has(definition.name)) continue;

      if (isInRange(version, definition.supportedVersions)) {
        // The instrumentation saw the package through one of its files but
        // never patched it, as after a restart of the SDK in one process.
        log.debug(
          `${definition.name} ${version} was seen by the ${owner} instrumentation ` +
            'but not patched, most likely because it was loaded before the SDK started',
        );
      } else {
        log.warn(
          `${definition.name} ${version} is outside the range ` +
            `${definition.supportedVersions.join(' || ')} of the ${owner} ` +
            'instrumentation, so it is not instrumented',
        );
      }
    }
  }

  /** The names of the modules patched so far. */
  patchedModules(): ReadonlySet<string> {
    return new Set(this.patched.keys());
  }

  private wrapPatch(target: TrackedDefinition, owner: TrackedDefinition = target): void {
    const original = target.patch;
    if (typeof original !== 'function') return;

    target.patch = (exports: unknown, version?: string) => {
      this.patched.set(owner.name, version);
      return original.call(target, exports, version);
    };
  }
}

type Satisfies = (version: string, range: string) => boolean;

/**
 * Tells whether a version satisfies a range, as the instrumentation checks
 * it. semver is loaded here, on this rare path, because loading it at start
 * reads some 50 more files.
 */
function isInRange(version: string, ranges: readonly string[]): boolean {
  const satisfies = require('semver/functions/satisfies') as Satisfies;
  return ranges.some((range) => satisfies(version, range));
}
