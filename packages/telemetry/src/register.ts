/**
 * Zero-code start: `node --import @seda/telemetry/register app.js` or
 * `node --require @seda/telemetry/register app.js`. Configuration comes from
 * the `OTEL_*` and `SEDA_TELEMETRY_*` environment variables only.
 */
import { isMainThread } from 'node:worker_threads';
import { startTelemetry } from './start.js';

// A loader thread that evaluates this file again must not start a second SDK.
if (isMainThread) startTelemetry();
