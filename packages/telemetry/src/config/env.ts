import type {
  BatchOptions,
  LogLevelName,
  LogsExporterName,
  MetricsExporterName,
  OtlpProtocol,
  OtlpSignalOptions,
  PropagatorName,
  ResourceDetectorName,
  SamplerName,
  TelemetryOptions,
  TracesExporterName,
} from '../types.js';
import { DEFAULTS, type Signal } from './defaults.js';
import { readInstrumentationSwitches } from './instrumentation-env.js';
import { noneAlone } from './none-alone.js';
import {
  DETECTORS,
  LOG_LEVELS,
  LOGS_EXPORTERS,
  METRICS_EXPORTERS,
  PROPAGATORS,
  PROTOCOLS,
  SAMPLERS,
  TRACES_EXPORTERS,
} from './choices.js';
import type { IssueCollector } from './issues.js';
import {
  type Environment,
  readBoolean,
  readChoice,
  readKeyValues,
  readList,
  readNumber,
  readString,
} from './parse.js';

const MILLIS = { min: 0, integer: true } as const;
const POSITIVE_COUNT = { min: 1, integer: true } as const;

/**
 * Reads every supported environment variable into the shape of
 * {@link TelemetryOptions}, so that options and environment merge field by
 * field. Invalid values are reported to `issues` and left out, which lets the
 * default apply.
 */
export function readEnvironment(
  env: Environment,
  issues: IssueCollector,
): TelemetryOptions {
  return {
    serviceName: readString(env, 'OTEL_SERVICE_NAME'),
    serviceVersion: readString(env, 'APP_VERSION'),
    environment: readString(env, 'NODE_ENV'),
    resourceAttributes: readKeyValues(env, 'OTEL_RESOURCE_ATTRIBUTES', issues),
    resourceDetectors: readListOf(
      env,
      'OTEL_NODE_RESOURCE_DETECTORS',
      DETECTORS,
      issues,
    ),
    disabled: readBoolean(env, 'OTEL_SDK_DISABLED', issues),
    strict: readBoolean(env, 'SEDA_TELEMETRY_STRICT', issues),
    logLevel: readChoice(env, 'OTEL_LOG_LEVEL', LOG_LEVELS, DEFAULTS.logLevel, issues),
    propagators: readListOf(env, 'OTEL_PROPAGATORS', PROPAGATORS, issues),
    selfMetrics: readBoolean(env, 'SEDA_TELEMETRY_SELF_METRICS', issues),
    otlp: readOtlp(env, 'OTEL_EXPORTER_OTLP', issues),
    traces: {
      exporters: readListOf(env, 'OTEL_TRACES_EXPORTER', TRACES_EXPORTERS, issues),
      otlp: readSignalOtlp(env, 'traces', issues),
      sampler: readChoice(
        env,
        'OTEL_TRACES_SAMPLER',
        SAMPLERS,
        DEFAULTS.sampler,
        issues,
      ),
      samplerRatio: readNumber(
        env,
        'OTEL_TRACES_SAMPLER_ARG',
        { min: 0, max: 1 },
        { value: undefined, label: `${DEFAULTS.samplerRatio}` },
        issues,
      ),
      batch: readBatch(env, 'OTEL_BSP', DEFAULTS.spanBatch, issues),
      spanLimits: readSpanLimits(env, issues),
    },
    metrics: {
      exporters: readListOf(env, 'OTEL_METRICS_EXPORTER', METRICS_EXPORTERS, issues),
      otlp: readSignalOtlp(env, 'metrics', issues),
      exportIntervalMillis: readMillis(
        env,
        'OTEL_METRIC_EXPORT_INTERVAL',
        DEFAULTS.metricExportIntervalMillis,
        issues,
        POSITIVE_COUNT,
      ),
      exportTimeoutMillis: readMillis(
        env,
        'OTEL_METRIC_EXPORT_TIMEOUT',
        DEFAULTS.metricExportTimeoutMillis,
        issues,
        POSITIVE_COUNT,
      ),
      prometheus: {
        host: readString(env, 'OTEL_EXPORTER_PROMETHEUS_HOST'),
        port: readNumber(
          env,
          'OTEL_EXPORTER_PROMETHEUS_PORT',
          { min: 0, max: 65_535, integer: true },
          { value: undefined, label: `${DEFAULTS.prometheusPort}` },
          issues,
        ),
      },
    },
    logs: {
      exporters: readListOf(env, 'OTEL_LOGS_EXPORTER', LOGS_EXPORTERS, issues),
      otlp: readSignalOtlp(env, 'logs', issues),
      batch: readBatch(env, 'OTEL_BLRP', DEFAULTS.logBatch, issues),
    },
    instrumentations: readInstrumentationSwitches(env, issues),
    shutdown: {
      signals: readBoolean(env, 'SEDA_TELEMETRY_SHUTDOWN_SIGNALS', issues),
      timeoutMillis: readMillis(
        env,
        'SEDA_TELEMETRY_SHUTDOWN_TIMEOUT',
        DEFAULTS.shutdownTimeoutMillis,
        issues,
      ),
    },
  };
}

function readMillis(
  env: Environment,
  name: string,
  fallback: number,
  issues: IssueCollector,
  rule: { min: number; integer: true } = MILLIS,
): number | undefined {
  return readNumber(
    env,
    name,
    rule,
    { value: undefined, label: `${fallback} ms` },
    issues,
  );
}

function readCount(
  env: Environment,
  name: string,
  fallback: number,
  issues: IssueCollector,
): number | undefined {
  return readNumber(
    env,
    name,
    POSITIVE_COUNT,
    { value: undefined, label: `${fallback}` },
    issues,
  );
}

function readOtlp(
  env: Environment,
  prefix: string,
  issues: IssueCollector,
): OtlpSignalOptions {
  return {
    endpoint: readString(env, `${prefix}_ENDPOINT`),
    protocol: readProtocol(env, `${prefix}_PROTOCOL`, issues),
    headers: readKeyValues(env, `${prefix}_HEADERS`, issues),
    timeoutMillis: readMillis(
      env,
      `${prefix}_TIMEOUT`,
      DEFAULTS.otlpTimeoutMillis,
      issues,
      POSITIVE_COUNT,
    ),
    compression: readChoice(
      env,
      `${prefix}_COMPRESSION`,
      ['gzip', 'none'] as const,
      'none',
      issues,
    ),
  };
}

function readSignalOtlp(
  env: Environment,
  signal: Signal,
  issues: IssueCollector,
): OtlpSignalOptions {
  return readOtlp(env, `OTEL_EXPORTER_OTLP_${signal.toUpperCase()}`, issues);
}

/** `grpc` is a valid OTLP protocol but not one this SDK ships, so it is reported. */
function readProtocol(
  env: Environment,
  name: string,
  issues: IssueCollector,
): OtlpProtocol | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;

  const value = raw.toLowerCase() as OtlpProtocol;
  if (PROTOCOLS.includes(value)) return value;

  issues.add({
    source: name,
    value: raw,
    expected: 'http/protobuf or http/json (grpc is not supported)',
    fallback: DEFAULTS.otlpProtocol,
  });
  return undefined;
}

function readBatch(
  env: Environment,
  prefix: 'OTEL_BSP' | 'OTEL_BLRP',
  defaults: Required<BatchOptions>,
  issues: IssueCollector,
): BatchOptions {
  return {
    scheduledDelayMillis: readMillis(
      env,
      `${prefix}_SCHEDULE_DELAY`,
      defaults.scheduledDelayMillis,
      issues,
    ),
    exportTimeoutMillis: readMillis(
      env,
      `${prefix}_EXPORT_TIMEOUT`,
      defaults.exportTimeoutMillis,
      issues,
      POSITIVE_COUNT,
    ),
    maxQueueSize: readCount(
      env,
      `${prefix}_MAX_QUEUE_SIZE`,
      defaults.maxQueueSize,
      issues,
    ),
    maxExportBatchSize: readCount(
      env,
      `${prefix}_MAX_EXPORT_BATCH_SIZE`,
      defaults.maxExportBatchSize,
      issues,
    ),
  };
}

function readSpanLimits(env: Environment, issues: IssueCollector) {
  const read = (name: string) =>
    readNumber(
      env,
      name,
      { min: 0, integer: true },
      { value: undefined, label: 'the SDK default' },
      issues,
    );
  const generalLength = read('OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT');
  const generalCount = read('OTEL_ATTRIBUTE_COUNT_LIMIT');
  return dropUndefined({
    attributeValueLengthLimit:
      read('OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT') ?? generalLength,
    attributeCountLimit: read('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT') ?? generalCount,
    eventCountLimit: read('OTEL_SPAN_EVENT_COUNT_LIMIT'),
    linkCountLimit: read('OTEL_SPAN_LINK_COUNT_LIMIT'),
  });
}

/**
 * Reads a list whose entries must come from `choices`. Unknown entries are
 * reported and dropped; when none is left the default applies.
 */
function readListOf<T extends string>(
  env: Environment,
  name: string,
  choices: readonly T[],
  issues: IssueCollector,
): T[] | undefined {
  const entries = readList(env, name);
  if (entries === undefined) return undefined;

  const known = entries.filter((entry): entry is T =>
    choices.includes(entry as T),
  );
  for (const entry of entries) {
    if (!choices.includes(entry as T)) {
      issues.add({
        source: name,
        value: entry,
        expected: `entries from ${choices.join(', ')}`,
        fallback: known.length > 0 ? known.join(',') : 'the default',
      });
    }
  }
  return known.length > 0 ? [...noneAlone(name, known, issues)] : undefined;
}

export function dropUndefined<T extends object>(value: T): T {
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  return Object.fromEntries(entries) as T;
}
