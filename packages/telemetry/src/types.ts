import type { Attributes } from '@opentelemetry/api';
import type { LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { IMetricReader, ViewOptions } from '@opentelemetry/sdk-metrics';
import type { Sampler, SpanLimits, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { BusinessOptions } from './business/types.js';

/** OTLP transport encodings this SDK exports with. */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** Values of `OTEL_TRACES_EXPORTER`. */
export type TracesExporterName = 'otlp' | 'console' | 'none';

/** Values of `OTEL_METRICS_EXPORTER`. */
export type MetricsExporterName = 'otlp' | 'prometheus' | 'console' | 'none';

/** Values of `OTEL_LOGS_EXPORTER`. */
export type LogsExporterName = 'otlp' | 'console' | 'none';

/** Values of `OTEL_TRACES_SAMPLER` that this SDK supports. */
export type SamplerName =
  | 'always_on'
  | 'always_off'
  | 'traceidratio'
  | 'parentbased_always_on'
  | 'parentbased_always_off'
  | 'parentbased_traceidratio';

/** Values of `OTEL_LOG_LEVEL`, the SDK's own diagnostic verbosity. */
export type LogLevelName =
  | 'none'
  | 'error'
  | 'warn'
  | 'info'
  | 'debug'
  | 'verbose'
  | 'all';

/**
 * Values of `OTEL_NODE_RESOURCE_DETECTORS`. Cloud detectors (`aws`, `azure`,
 * `gcp`, `alibaba`) probe link-local metadata addresses, so they run only when
 * named here and their packages are installed.
 */
export type ResourceDetectorName =
  | 'env'
  | 'host'
  | 'os'
  | 'process'
  | 'serviceinstance'
  | 'container'
  | 'aws'
  | 'azure'
  | 'gcp'
  | 'alibaba'
  | 'all'
  | 'none';

/** Values of `OTEL_PROPAGATORS` that this SDK supports. */
export type PropagatorName = 'tracecontext' | 'baggage' | 'none';

/** OTLP settings shared by all signals. */
export interface OtlpOptions {
  /**
   * Base URL of the collector; `/v1/traces`, `/v1/metrics` and `/v1/logs` are
   * appended. Default `http://localhost:4318`, environment
   * `OTEL_EXPORTER_OTLP_ENDPOINT`.
   */
  endpoint?: string;
  /** Default `http/protobuf`, environment `OTEL_EXPORTER_OTLP_PROTOCOL`. */
  protocol?: OtlpProtocol;
  /** Extra request headers, environment `OTEL_EXPORTER_OTLP_HEADERS`. */
  headers?: Record<string, string>;
  /** Per-request timeout. Default 10000, environment `OTEL_EXPORTER_OTLP_TIMEOUT`. */
  timeoutMillis?: number;
  /** Default `none`, environment `OTEL_EXPORTER_OTLP_COMPRESSION`. */
  compression?: 'gzip' | 'none';
}

/** OTLP settings of one signal; unset fields fall back to {@link OtlpOptions}. */
export interface OtlpSignalOptions extends OtlpOptions {
  /**
   * Full URL for this signal, used as given (no path is appended), for
   * example `http://collector:4318/v1/traces`. Environment
   * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` and its `METRICS` and `LOGS` forms.
   */
  endpoint?: string;
}

/** Batch processor tuning, environment `OTEL_BSP_*` or `OTEL_BLRP_*`. */
export interface BatchOptions {
  /** Default 5000 for spans, 1000 for logs. */
  scheduledDelayMillis?: number;
  /** Default 8192 for spans, 2048 for logs. Records beyond it are dropped and counted. */
  maxQueueSize?: number;
  /** Default 2048 for spans, 512 for logs. */
  maxExportBatchSize?: number;
  /** Default 30000. */
  exportTimeoutMillis?: number;
}

export interface TracesOptions {
  /** Default `['otlp']`, environment `OTEL_TRACES_EXPORTER`. */
  exporters?: TracesExporterName[];
  otlp?: OtlpSignalOptions;
  /**
   * A sampler name or instance. Default `parentbased_always_on`, environment
   * `OTEL_TRACES_SAMPLER`.
   */
  sampler?: SamplerName | Sampler;
  /**
   * Ratio from 0 to 1 for the `traceidratio` samplers. Default 1, environment
   * `OTEL_TRACES_SAMPLER_ARG`.
   */
  samplerRatio?: number;
  batch?: BatchOptions;
  /** Span processors added after the exporting ones, for example in tests. */
  spanProcessors?: SpanProcessor[];
  /** Environment `OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT` and related variables. */
  spanLimits?: SpanLimits;
}

/** The Prometheus scrape endpoint, served only when `prometheus` is an exporter. */
export interface PrometheusOptions {
  /**
   * Interface to bind. Default `localhost`, environment
   * `OTEL_EXPORTER_PROMETHEUS_HOST`. Use `0.0.0.0` for a scrape from another
   * host or pod.
   */
  host?: string;
  /** Default 9464, environment `OTEL_EXPORTER_PROMETHEUS_PORT`; 0 picks a free port. */
  port?: number;
  /** Path of the scrape endpoint. Default `/metrics`. */
  endpoint?: string;
}

export interface MetricsOptions {
  /** Default `['otlp']`, environment `OTEL_METRICS_EXPORTER`. */
  exporters?: MetricsExporterName[];
  otlp?: OtlpSignalOptions;
  /** Default 60000, environment `OTEL_METRIC_EXPORT_INTERVAL`. */
  exportIntervalMillis?: number;
  /** Default 30000, environment `OTEL_METRIC_EXPORT_TIMEOUT`. */
  exportTimeoutMillis?: number;
  prometheus?: PrometheusOptions;
  /** Metric readers added to the configured ones, for example in tests. */
  readers?: IMetricReader[];
  /** Views applied after the SDK's own (bucket boundaries, cardinality). */
  views?: ViewOptions[];
}

export interface LogsOptions {
  /** Default `['otlp']`, environment `OTEL_LOGS_EXPORTER`. */
  exporters?: LogsExporterName[];
  otlp?: OtlpSignalOptions;
  batch?: BatchOptions;
  /** Log record processors added after the exporting ones. */
  logRecordProcessors?: LogRecordProcessor[];
  /**
   * Keys whose values are replaced by `REDACTED` in the attributes and body
   * of every exported log record, at any depth and in arrays, added to the
   * built-in list (passwords, authorization, cookies, tokens, API keys,
   * secrets). Keys match case-insensitively and ignoring `-`, `_` and spaces.
   */
  redactedKeys?: string[];
}

/** HTTP server and client instrumentation settings. */
export interface HttpInstrumentationOptions {
  /**
   * Incoming request paths (exact strings, matched without the query, or
   * regular expressions) that get no span and no duration point. Default:
   * `/health`, `/health/live` and `/health/ready`, also under a prefix such
   * as `/api/health`. Requests to the Prometheus endpoint are always left
   * out, and so are socket.io's polling requests unless
   * `socketio.ignoreEngineRequests` is `false`.
   */
  ignoreIncomingPaths?: (string | RegExp)[];
  /**
   * Query parameter names whose values are replaced by `REDACTED` in every
   * URL attribute, added to the built-in list (tokens, codes, signatures,
   * passwords, API keys). Matched case-insensitively.
   */
  redactedQueryParams?: string[];
  /**
   * Request headers recorded as `http.request.header.<name>`. Empty by
   * default; `authorization`, `cookie`, `proxy-authorization` and
   * `set-cookie` are never recorded even when listed.
   */
  requestHeaders?: string[];
  /** Response headers recorded as `http.response.header.<name>`, same rules. */
  responseHeaders?: string[];
  /**
   * `http.route` of server requests that matched no route, on the
   * `http.server.request.duration` histogram only, so random paths add no
   * metric series. Default `unmatched`.
   */
  unmatchedRoute?: string;
}

/** socket.io server instrumentation settings. */
export interface SocketIoInstrumentationOptions {
  /**
   * `websocket.event` of an inbound event that has no listener on its socket
   * when it arrives, so that event names invented by clients add no metric
   * series. Default `_OTHER`.
   */
  unknownEventName?: string;
  /**
   * Leave socket.io's own HTTP requests, the long-polling requests under the
   * server's `path` (default `/socket.io/`), out of HTTP server spans and
   * `http.server.request.duration`. A polling request stays open until the
   * server has something to send or `pingInterval` (default 25 s) runs out,
   * so an idle chat client would otherwise look like a slow endpoint.
   * Default `true`.
   */
  ignoreEngineRequests?: boolean;
}

/** `ws` server instrumentation settings. */
export interface WsInstrumentationOptions {
  /**
   * `websocket.event` of a message that NestJS's `WsAdapter` dispatches to
   * no `@SubscribeMessage` handler. Messages to a plain `ws` server carry no
   * event name and are all recorded as `message`. Default `_OTHER`.
   */
  unknownEventName?: string;
}

/** Prisma Client instrumentation settings. */
export interface PrismaInstrumentationOptions {
  /**
   * Also record the client's internal steps, `prisma:client:serialize` and
   * `prisma:client:compile`, under each operation. They add two spans per
   * operation to the `operation` and `db_query` spans, and the gap between
   * an operation and its queries already shows their time. Default `false`.
   */
  internalSpans?: boolean;
}

/**
 * Instrumentations to load. Each is loaded only when its target module is
 * installed, and `false` switches one off. Without an option here,
 * `OTEL_NODE_ENABLED_INSTRUMENTATIONS` and
 * `OTEL_NODE_DISABLED_INSTRUMENTATIONS` switch them by these names.
 */
export interface InstrumentationOptions {
  /** The `http` and `https` modules, and `fetch()` through undici. */
  http?: boolean | HttpInstrumentationOptions;
  /** Express, which gives NestJS requests their `http.route`. */
  express?: boolean;
  /**
   * NestJS controllers and handlers (`@nestjs/core` 4 to 12), and WebSocket
   * gateway handlers (`@nestjs/websockets` 12).
   */
  nestjs?: boolean;
  /** Prisma Client operations and queries, plus an operation duration histogram. */
  prisma?: boolean | PrismaInstrumentationOptions;
  /** ioredis commands. */
  ioredis?: boolean;
  /**
   * socket.io 4 servers: connection, inbound event and room emit spans, and
   * the `websocket.server.*` metrics. Default `true`; with it on, socket.io's
   * long-polling requests get no HTTP span (see `ignoreEngineRequests`).
   */
  socketio?: boolean | SocketIoInstrumentationOptions;
  /**
   * `ws` 8 servers: connection and message spans and the `websocket.server.*`
   * metrics, with `@SubscribeMessage` event names under NestJS's
   * `WsAdapter`. Default `true`.
   */
  ws?: boolean | WsInstrumentationOptions;
  /**
   * winston 3 loggers: `trace_id`, `span_id` and `trace_flags` in each
   * record, and every record sent to the OpenTelemetry logs pipeline.
   * Default `true`.
   */
  winston?: boolean;
  /** pino 5.14 to 10 loggers, like `winston`. Default `true`. */
  pino?: boolean;
}

export interface ShutdownOptions {
  /**
   * Flush and shut down on SIGTERM and SIGINT. Default `true`, environment
   * `SEDA_TELEMETRY_SHUTDOWN_SIGNALS`. Turn it off when the application's
   * own shutdown calls `shutdown()`, for example with `TelemetryModule` from
   * `@seda/telemetry/nestjs`. A signal handler of the application that calls
   * `process.exit()` must `await shutdown()` first, because nothing can be
   * exported after `process.exit()`.
   */
  signals?: boolean;
  /**
   * Upper bound for `shutdown()` and the signal handler, whatever the
   * collector does. Each OTLP request is also cut at this bound, so that a
   * hanging collector cannot keep the process alive longer. Default 5000,
   * environment `SEDA_TELEMETRY_SHUTDOWN_TIMEOUT`.
   */
  timeoutMillis?: number;
}

/** Options of {@link startTelemetry}; each overrides its environment variable. */
export interface TelemetryOptions {
  /**
   * `service.name`. Default: `OTEL_SERVICE_NAME`, then the `name` in the
   * application's package.json, then `unknown_service:node`.
   */
  serviceName?: string;
  /** `service.version`. Default: `APP_VERSION`, then the package.json `version`. */
  serviceVersion?: string;
  /** `deployment.environment.name`. Default: `NODE_ENV`. */
  environment?: string;
  /** Extra resource attributes, merged over `OTEL_RESOURCE_ATTRIBUTES`. */
  resourceAttributes?: Attributes;
  /**
   * Default `['env', 'host', 'os', 'process', 'serviceinstance',
   * 'container']`, environment `OTEL_NODE_RESOURCE_DETECTORS`.
   */
  resourceDetectors?: ResourceDetectorName[];
  /** No-op everything: no providers, ports or timers. Environment `OTEL_SDK_DISABLED`. */
  disabled?: boolean;
  /**
   * Throw a {@link TelemetryConfigError} at start for invalid configuration
   * instead of warning and falling back. Default `false`, environment
   * `SEDA_TELEMETRY_STRICT`.
   */
  strict?: boolean;
  /** Default `info`, environment `OTEL_LOG_LEVEL`. */
  logLevel?: LogLevelName;
  /** Default `['tracecontext', 'baggage']`, environment `OTEL_PROPAGATORS`. */
  propagators?: PropagatorName[];
  otlp?: OtlpOptions;
  traces?: TracesOptions;
  metrics?: MetricsOptions;
  logs?: LogsOptions;
  instrumentations?: InstrumentationOptions;
  shutdown?: ShutdownOptions;
  /**
   * Record the SDK's own `otel.sdk.*` metrics: spans, metric points and log
   * records exported, dropped and failed, and export duration. Default `true`,
   * environment `SEDA_TELEMETRY_SELF_METRICS`.
   */
  selfMetrics?: boolean;
  /** Business metrics and product events of `@seda/telemetry/business`. */
  business?: BusinessOptions;
}

/** The running SDK, returned by {@link startTelemetry}. */
export interface TelemetryHandle {
  /** `false` when the SDK was disabled and everything is a no-op. */
  readonly enabled: boolean;
  /**
   * Resolves to the Prometheus scrape URL once its server listens, or to
   * `undefined` when `prometheus` is not an exporter or the port was busy.
   */
  readonly prometheusUrl: Promise<string | undefined>;
  /** Exports everything buffered, bounded by the shutdown timeout. */
  forceFlush(): Promise<void>;
  /**
   * Flushes and stops every provider, bounded by the shutdown timeout. Safe to
   * call more than once; later calls return the first call's promise.
   */
  shutdown(): Promise<void>;
}
