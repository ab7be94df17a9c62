/**
 * Zero-code start: `node --import @seda/telemetry/register app.js` or
 * `node --require @seda/telemetry/register app.js`. Configuration comes from
 * the `OTEL_*` and `SEDA_TELEMETRY_*` environment variables only.
 */
import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { disabledByEnvironment, reportDisabledByEnvironment } from './config/disabled.js';
import type * as Start from './start.js';

// A loader thread that evaluates this file again must not start a second SDK.
if (isMainThread) {
  if (disabledByEnvironment(process.env)) reportDisabledByEnvironment(process.env);
  else loadStart()?.startTelemetry();
}

/**
 * Loads the SDK's start, which a disabled SDK skips, so that it adds no
 * module. `require` loads it before the application's first module, the ES
 * module build through `require(esm)`.
 */
function loadStart(): typeof Start | undefined {
  const requireModule = (process.features as { require_module?: boolean }).require_module;
  // Without `require(esm)`, as under `--no-experimental-require-module`, the
  // ES module entry starts the CommonJS build instead.
  const esm = !import.meta.url.endsWith('.cjs') && requireModule === true;
  try {
    return createRequire(import.meta.url)(esm ? './start.js' : './start.cjs') as typeof Start;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(
      `@seda/telemetry/sdk error: failed to load the SDK, so telemetry is disabled: ${reason}. ` +
        'Reinstall @seda/telemetry if its dist folder is incomplete.\n',
    );
    return undefined;
  }
}
