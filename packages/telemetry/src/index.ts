export { startTelemetry } from './start.js';
export { TelemetryConfigError, type ConfigIssue } from './config/issues.js';
export { SDK_VERSION } from './version.js';
export type { BusinessGaugeOptions, BusinessOptions } from './business/types.js';
export type {
  BatchOptions,
  HttpInstrumentationOptions,
  InstrumentationOptions,
  LogLevelName,
  LogsExporterName,
  LogsOptions,
  MetricsExporterName,
  MetricsOptions,
  OtlpOptions,
  OtlpProtocol,
  OtlpSignalOptions,
  PrometheusOptions,
  PropagatorName,
  ResourceDetectorName,
  SamplerName,
  ShutdownOptions,
  SocketIoInstrumentationOptions,
  TelemetryHandle,
  TelemetryOptions,
  TracesExporterName,
  TracesOptions,
  PrismaInstrumentationOptions,
  WsInstrumentationOptions,
} from './types.js';
