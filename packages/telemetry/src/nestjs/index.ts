export { TELEMETRY_HANDLE, TelemetryModule } from './telemetry.module.js';
