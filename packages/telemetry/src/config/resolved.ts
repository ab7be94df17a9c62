import type { Attributes } from '@opentelemetry/api';
import type { LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { IMetricReader, ViewOptions } from '@opentelemetry/sdk-metrics';
import type { Sampler, SpanLimits, SpanProcessor } from '@opentelemetry/sdk-trace';
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
import type { ResolvedBusiness } from './business.js';

/** OTLP settings of one signal with every default applied. */
export interface ResolvedOtlp {
  readonly url: string;
  readonly protocol: OtlpProtocol;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMillis: number;
  readonly compression: 'gzip' | 'none';
}

export interface ResolvedBatch {
  readonly scheduledDelayMillis: number;
  readonly maxQueueSize: number;
  readonly maxExportBatchSize: number;
  readonly exportTimeoutMillis: number;
}

export type ResolvedSampler =
  | { readonly name: SamplerName; readonly ratio: number }
  | { readonly instance: Sampler };

export interface ResolvedHttp {
  readonly ignoreIncomingPaths: readonly (string | RegExp)[];
  readonly redactedQueryParams: readonly string[];
  readonly requestHeaders: readonly string[];
  readonly responseHeaders: readonly string[];
  readonly unmatchedRoute: string;
}

export interface ResolvedSocketIo {
  readonly unknownEventName: string;
  readonly ignoreEngineRequests: boolean;
}

export interface ResolvedPrisma {
  readonly internalSpans: boolean;
}

export interface ResolvedWs {
  readonly unknownEventName: string;
}

export interface ResolvedPrometheus {
  readonly host: string;
  readonly port: number;
  readonly endpoint: string;
}

/**
 * The one configuration object that flows below `config/`: environment and
 * options merged, validated and defaulted. Nothing downstream reads
 * `process.env`.
 */
export interface ResolvedConfig {
  readonly disabled: boolean;
  readonly strict: boolean;
  readonly logLevel: LogLevelName;
  readonly service: {
    readonly name: string | undefined;
    readonly version: string | undefined;
    readonly environment: string | undefined;
  };
  readonly resourceAttributes: Attributes;
  readonly resourceDetectors: readonly ResourceDetectorName[];
  readonly propagators: readonly PropagatorName[];
  readonly selfMetrics: boolean;
  readonly traces: {
    readonly exporters: readonly TracesExporterName[];
    readonly otlp: ResolvedOtlp;
    readonly sampler: ResolvedSampler;
    readonly batch: ResolvedBatch;
    readonly spanProcessors: readonly SpanProcessor[];
    readonly spanLimits: SpanLimits;
  };
  readonly metrics: {
    readonly exporters: readonly MetricsExporterName[];
    readonly otlp: ResolvedOtlp;
    readonly exportIntervalMillis: number;
    readonly exportTimeoutMillis: number;
    readonly prometheus: ResolvedPrometheus;
    readonly readers: readonly IMetricReader[];
    readonly views: readonly ViewOptions[];
  };
  readonly logs: {
    readonly exporters: readonly LogsExporterName[];
    readonly otlp: ResolvedOtlp;
    readonly batch: ResolvedBatch;
    readonly logRecordProcessors: readonly LogRecordProcessor[];
    /** Added to the built-in redacted keys of log records. */
    readonly redactedKeys: readonly string[];
  };
  readonly instrumentations: {
    readonly http: ResolvedHttp | false;
    readonly express: boolean;
    readonly nestjs: boolean;
    readonly prisma: ResolvedPrisma | false;
    readonly ioredis: boolean;
    readonly socketio: ResolvedSocketIo | false;
    readonly ws: ResolvedWs | false;
    readonly winston: boolean;
    readonly pino: boolean;
  };
  readonly shutdown: {
    readonly signals: boolean;
    readonly timeoutMillis: number;
  };
  readonly business: ResolvedBusiness;
}
