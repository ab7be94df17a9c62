export { TELEMETRY_HANDLE, TelemetryModule } from './telemetry.module.js';
export {
  HealthModule,
  type HealthModuleAsyncOptions,
  type HealthModuleOptions,
} from './health/health.module.js';
export { HealthController } from './health/health.controller.js';
export { HEALTH_REGISTRY } from './health/tokens.js';
export { NestLogger, type NestLoggerOptions } from '../logs/nestjs-logger.js';
