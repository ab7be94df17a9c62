export { createWinstonLogger } from './winston/logger.js';
export { createPinoLogger } from './pino/logger.js';
export { NestLogger, type NestLoggerOptions } from './nestjs-logger.js';
export {
  forwardDiagnostics,
  type ForwardDiagnosticsOptions,
} from './diagnostics.js';
export { DEFAULT_REDACTED_KEYS, REDACTED } from './redaction.js';
export type { PinoLike, StructuredLogger, WinstonLike } from './log-target.js';
export type {
  LineStream,
  LogFormat,
  LoggerOptions,
  PinoLoggerOptions,
  WinstonLoggerOptions,
} from './types.js';
