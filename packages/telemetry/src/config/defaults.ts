import type {
  LogLevelName,
  PropagatorName,
  ResourceDetectorName,
  SamplerName,
} from '../types.js';

/** Every default of the SDK, in one place so the docs and the code agree. */
export const DEFAULTS = {
  logLevel: 'info' as LogLevelName,
  serviceName: 'unknown_service:node',
  otlpEndpoint: 'http://localhost:4318',
  otlpProtocol: 'http/protobuf' as const,
  otlpTimeoutMillis: 10_000,
  sampler: 'parentbased_always_on' as SamplerName,
  samplerRatio: 1,
  metricExportIntervalMillis: 60_000,
  metricExportTimeoutMillis: 30_000,
  prometheusHost: 'localhost',
  prometheusPort: 9464,
  prometheusEndpoint: '/metrics',
  // Four times the specification's queue and batch. The processor exports
  // one batch at a time, and under load each export's response waits behind
  // the requests being served. At 512 spans and an estimated 100 ms per
  // export, a busy service drops what it makes beyond about 5,000 spans/s.
  spanBatch: {
    scheduledDelayMillis: 5_000,
    maxQueueSize: 8_192,
    maxExportBatchSize: 2_048,
    exportTimeoutMillis: 30_000,
  },
  logBatch: {
    scheduledDelayMillis: 1_000,
    maxQueueSize: 2_048,
    maxExportBatchSize: 512,
    exportTimeoutMillis: 30_000,
  },
  shutdownTimeoutMillis: 5_000,
  propagators: ['tracecontext', 'baggage'] as PropagatorName[],
  resourceDetectors: [
    'env',
    'host',
    'os',
    'process',
    'serviceinstance',
    'container',
  ] as ResourceDetectorName[],
  // `/health`, `/health/live` and `/health/ready`, also behind a global
  // prefix such as `/api`.
  ignoredIncomingPaths: [/(?:^|\/)health(?:\/live|\/ready)?\/?$/] as (string | RegExp)[],
  unmatchedRoute: 'unmatched',
  /** `websocket.event` of inbound events and messages no handler declares. */
  unknownWebSocketEvent: '_OTHER',
  ignoreSocketIoEngineRequests: true,
} as const;

/** Signal paths appended to a base OTLP endpoint, per the OTLP/HTTP specification. */
export const OTLP_SIGNAL_PATHS = {
  traces: 'v1/traces',
  metrics: 'v1/metrics',
  logs: 'v1/logs',
} as const;

export type Signal = keyof typeof OTLP_SIGNAL_PATHS;
