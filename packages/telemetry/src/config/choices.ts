import type {
  LogLevelName,
  LogsExporterName,
  MetricsExporterName,
  OtlpProtocol,
  PropagatorName,
  ResourceDetectorName,
  SamplerName,
  TracesExporterName,
} from '../types.js';

/** The accepted values of each enumerated setting, for options and variables alike. */
export const LOG_LEVELS: readonly LogLevelName[] = [
  'none',
  'error',
  'warn',
  'info',
  'debug',
  'verbose',
  'all',
];
export const SAMPLERS: readonly SamplerName[] = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
];
export const PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json'];
export const TRACES_EXPORTERS: readonly TracesExporterName[] = ['otlp', 'console', 'none'];
export const METRICS_EXPORTERS: readonly MetricsExporterName[] = [
  'otlp',
  'prometheus',
  'console',
  'none',
];
export const LOGS_EXPORTERS: readonly LogsExporterName[] = ['otlp', 'console', 'none'];
export const DETECTORS: readonly ResourceDetectorName[] = [
  'env',
  'host',
  'os',
  'process',
  'serviceinstance',
  'container',
  'aws',
  'azure',
  'gcp',
  'alibaba',
  'all',
  'none',
];
export const PROPAGATORS: readonly PropagatorName[] = ['tracecontext', 'baggage', 'none'];

