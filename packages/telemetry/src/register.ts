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
  else loadStart().startTelemetry();
}

/**
 * Loads the SDK only when it runs, so `OTEL_SDK_DISABLED=true` adds no module
 * to the start. `require` loads either build before the application's first
 * module, the ES module build through `require(esm)`.
 */
function loadStart(): typeof Start {
  const file = import.meta.url.endsWith('.cjs') ? './start.cjs' : './start.js';
  return createRequire(import.meta.url)(file) as typeof Start;
}
