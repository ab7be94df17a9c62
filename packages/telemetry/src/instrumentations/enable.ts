import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { DiagLogger } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { registerImportHooks } from './hooks.js';
import { PatchTracker, warnAboutPreloadedPackages } from './load-check.js';
import { patchedFiles } from './patched-files.js';
import type { ActiveInstrumentation } from './registry.js';
import { rememberLoadedModules, restoreLoadedModules } from './reload.js';

const requireBuiltin = createRequire(import.meta.url);

/** Delay after start at which the SDK reports what it instrumented and skipped. */
const PATCH_REPORT_DELAY_MILLIS = 10_000;

/**
 * Registers the import hook for the instrumented packages, warns about
 * packages loaded too early, enables the instrumentations and schedules the
 * report of what was patched. Returns the clean-up, which also writes that
 * report when the SDK stops before the delay.
 */
export function enableInstrumentations(
  active: readonly ActiveInstrumentation[],
  log: DiagLogger,
): () => void {
  if (active.length === 0) return () => {};

  // Tracking starts before anything is patched, so that every patch counts.
  const tracker = new PatchTracker(active);
  registerImportHooks(
    active.flatMap((entry) => entry.packages),
    log,
    patchedFiles(active.map((entry) => entry.instrumentation)),
  );
  warnAboutPreloadedPackages(active, log);
  const unregister = registerInstrumentations({
    instrumentations: active.map((entry) => entry.instrumentation),
  });
  restoreLoadedModules(active);
  patchBuiltinsNow(active);

  const reportTimer = setTimeout(() => tracker.report(log), PATCH_REPORT_DELAY_MILLIS);
  reportTimer.unref();

  return () => {
    clearTimeout(reportTimer);
    tracker.report(log);
    rememberLoadedModules(active, tracker.patchedModules());
    unregister();
    syncBuiltinESMExports();
  };
}

/**
 * Patches `http` and `https` now rather than at their next `require`, then
 * copies the patched functions into the named exports that ES modules see.
 * Node.js creates those exports when a built-in is first imported (this
 * package imports `http` itself) and does not update them by itself.
 */
function patchBuiltinsNow(active: readonly ActiveInstrumentation[]): void {
  if (!active.some((entry) => entry.name === 'http')) return;
  requireBuiltin('node:http');
  requireBuiltin('node:https');
  syncBuiltinESMExports();
}
