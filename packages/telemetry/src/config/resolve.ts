import type {
  BatchOptions,
  HttpInstrumentationOptions,
  InstrumentationOptions,
  OtlpOptions,
  OtlpSignalOptions,
  SamplerName,
  SocketIoInstrumentationOptions,
  TelemetryOptions,
  PrismaInstrumentationOptions,
  WsInstrumentationOptions,
} from '../types.js';
import { resolveBusiness } from './business.js';
import { DEFAULTS, OTLP_SIGNAL_PATHS, type Signal } from './defaults.js';
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
import { dropUndefined, readEnvironment } from './env.js';
import { noneAlone } from './none-alone.js';
import { type ConfigIssue, IssueCollector } from './issues.js';
import {
  checkNameList,
  checkNumber,
  type Environment,
  type NumberRule,
  parseHttpUrl,
} from './parse.js';
import type {
  ResolvedBatch,
  ResolvedConfig,
  ResolvedHttp,
  ResolvedOtlp,
  ResolvedSampler,
  ResolvedSocketIo,
  ResolvedPrisma,
  ResolvedWs,
} from './resolved.js';

/** A resolved configuration and the invalid values met on the way. */
export interface Resolution {
  readonly config: ResolvedConfig;
  readonly issues: readonly ConfigIssue[];
}

/**
 * Merges options over the environment, validates both and applies the
 * defaults. Options win over environment variables; within each, a
 * signal-specific OTLP setting wins over the shared one.
 */
export function resolveConfig(
  options: TelemetryOptions,
  env: Environment,
): Resolution {
  const issues = new IssueCollector();
  const fromEnv = readEnvironment(env, issues);
  const checked = new OptionChecker(issues);

  const config: ResolvedConfig = {
    disabled: options.disabled ?? fromEnv.disabled ?? false,
    strict: options.strict ?? fromEnv.strict ?? false,
    logLevel: checked.choice(
      'options.logLevel',
      options.logLevel,
      LOG_LEVELS,
      fromEnv.logLevel ?? DEFAULTS.logLevel,
    ),
    service: resolveService(options, fromEnv),
    resourceAttributes: {
      ...fromEnv.resourceAttributes,
      ...options.resourceAttributes,
    },
    resourceDetectors: checked.list(
      'options.resourceDetectors',
      options.resourceDetectors,
      DETECTORS,
      fromEnv.resourceDetectors ?? DEFAULTS.resourceDetectors,
    ),
    propagators: checked.list(
      'options.propagators',
      options.propagators,
      PROPAGATORS,
      fromEnv.propagators ?? DEFAULTS.propagators,
    ),
    selfMetrics: options.selfMetrics ?? fromEnv.selfMetrics ?? true,
    traces: {
      exporters: checked.list(
        'options.traces.exporters',
        options.traces?.exporters,
        TRACES_EXPORTERS,
        fromEnv.traces?.exporters ?? ['otlp'],
      ),
      otlp: resolveOtlp('traces', options, fromEnv, checked, issues),
      sampler: resolveSampler(options, fromEnv, checked),
      batch: resolveBatch(
        'traces.batch',
        options.traces?.batch,
        fromEnv.traces?.batch,
        DEFAULTS.spanBatch,
        checked,
      ),
      spanProcessors: options.traces?.spanProcessors ?? [],
      spanLimits: { ...fromEnv.traces?.spanLimits, ...options.traces?.spanLimits },
    },
    metrics: resolveMetrics(options, fromEnv, checked, issues),
    logs: {
      exporters: checked.list(
        'options.logs.exporters',
        options.logs?.exporters,
        LOGS_EXPORTERS,
        fromEnv.logs?.exporters ?? ['otlp'],
      ),
      otlp: resolveOtlp('logs', options, fromEnv, checked, issues),
      batch: resolveBatch(
        'logs.batch',
        options.logs?.batch,
        fromEnv.logs?.batch,
        DEFAULTS.logBatch,
        checked,
      ),
      logRecordProcessors: options.logs?.logRecordProcessors ?? [],
      redactedKeys: checkNameList('options.logs.redactedKeys', options.logs?.redactedKeys, issues),
    },
    instrumentations: resolveInstrumentations({
      ...fromEnv.instrumentations,
      ...(isObject(options.instrumentations)
        ? dropUndefined(options.instrumentations)
        : {}),
    }),
    shutdown: {
      signals: options.shutdown?.signals ?? fromEnv.shutdown?.signals ?? true,
      timeoutMillis: checked.pick(
        'options.shutdown.timeoutMillis',
        options.shutdown?.timeoutMillis,
        { min: 0, integer: true },
        fromEnv.shutdown?.timeoutMillis ?? DEFAULTS.shutdownTimeoutMillis,
      ),
    },
    business: resolveBusiness(options.business, env, issues),
  };
  return { config, issues: issues.issues };
}

/**
 * Resolves the service identity: an option wins, then the dedicated
 * variable (`OTEL_SERVICE_NAME`, `APP_VERSION`), then
 * `OTEL_RESOURCE_ATTRIBUTES`; `NODE_ENV` only fills an environment left unset.
 */
function resolveService(
  options: TelemetryOptions,
  fromEnv: TelemetryOptions,
): ResolvedConfig['service'] {
  const attributes = { ...fromEnv.resourceAttributes, ...options.resourceAttributes };
  const text = (key: string) => {
    const value = attributes[key];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    name: options.serviceName ?? fromEnv.serviceName ?? text('service.name'),
    version:
      options.serviceVersion ?? fromEnv.serviceVersion ?? text('service.version'),
    environment:
      options.environment ??
      text('deployment.environment.name') ??
      fromEnv.environment,
  };
}

/**
 * Validates programmatic options, which plain JavaScript callers can get
 * wrong despite the types. An invalid option is reported by its path with
 * the value used instead, which is the environment's or the default.
 */
class OptionChecker {
  constructor(private readonly issues: IssueCollector) {}

  pick(path: string, value: number | undefined, rule: NumberRule, fallback: number): number {
    if (value === undefined) return fallback;

    const expected = checkNumber(value, rule);
    if (expected === undefined) return value;

    this.issues.add({ source: path, value, expected, fallback: String(fallback) });
    return fallback;
  }

  /** Checks an option that has no fallback of its own at this layer. */
  optional(path: string, value: number | undefined, rule: NumberRule): number | undefined {
    if (value === undefined) return undefined;

    const expected = checkNumber(value, rule);
    if (expected === undefined) return value;

    this.issues.add({ source: path, value, expected, fallback: 'the environment or default value' });
    return undefined;
  }

  choice<T extends string>(
    path: string,
    value: T | undefined,
    choices: readonly T[],
    fallback: T,
  ): T {
    if (value === undefined) return fallback;
    if (choices.includes(value)) return value;

    this.issues.add({
      source: path,
      value: describeValue(value),
      expected: `one of ${choices.join(', ')}`,
      fallback,
    });
    return fallback;
  }

  /** Checks a list option: an array of known names, `none` only alone. */
  list<T extends string>(
    path: string,
    value: readonly T[] | undefined,
    choices: readonly T[],
    fallback: readonly T[],
  ): readonly T[] {
    if (value === undefined) return fallback;

    const known = Array.isArray(value) ? [...new Set(value.filter((item) => choices.includes(item)))] : [];
    if (known.length === 0 || known.length !== new Set(value).size) {
      this.issues.add({
        source: path,
        value: describeValue(value),
        expected: `an array of ${choices.join(', ')}`,
        fallback: (known.length > 0 ? known : fallback).join(','),
      });
    }
    return noneAlone(path, known.length > 0 ? known : fallback, this.issues);
  }
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}


function resolveSampler(
  options: TelemetryOptions,
  fromEnv: TelemetryOptions,
  checked: OptionChecker,
): ResolvedSampler {
  const sampler = options.traces?.sampler;
  if (typeof sampler === 'object' && sampler !== null) return { instance: sampler };

  const ratio = checked.pick(
    'options.traces.samplerRatio',
    options.traces?.samplerRatio,
    { min: 0, max: 1 },
    fromEnv.traces?.samplerRatio ?? DEFAULTS.samplerRatio,
  );
  const name = checked.choice(
    'options.traces.sampler',
    options.traces?.sampler as SamplerName | undefined,
    SAMPLERS,
    fromEnv.traces?.sampler as SamplerName | undefined ?? DEFAULTS.sampler,
  );
  return { name, ratio };
}

function resolveMetrics(
  options: TelemetryOptions,
  fromEnv: TelemetryOptions,
  checked: OptionChecker,
  issues: IssueCollector,
): ResolvedConfig['metrics'] {
  const interval = checked.pick(
    'options.metrics.exportIntervalMillis',
    options.metrics?.exportIntervalMillis,
    { min: 1, integer: true },
    fromEnv.metrics?.exportIntervalMillis ?? DEFAULTS.metricExportIntervalMillis,
  );
  const timeout = checked.pick(
    'options.metrics.exportTimeoutMillis',
    options.metrics?.exportTimeoutMillis,
    { min: 1, integer: true },
    fromEnv.metrics?.exportTimeoutMillis ?? DEFAULTS.metricExportTimeoutMillis,
  );
  const prometheus = options.metrics?.prometheus;

  return {
    exporters: checked.list(
      'options.metrics.exporters',
      options.metrics?.exporters,
      METRICS_EXPORTERS,
      fromEnv.metrics?.exporters ?? ['otlp'],
    ),
    otlp: resolveOtlp('metrics', options, fromEnv, checked, issues),
    exportIntervalMillis: interval,
    // The periodic reader rejects a timeout longer than its interval.
    exportTimeoutMillis: Math.min(timeout, interval),
    prometheus: {
      host: prometheus?.host ?? fromEnv.metrics?.prometheus?.host ?? DEFAULTS.prometheusHost,
      port: checked.pick(
        'options.metrics.prometheus.port',
        prometheus?.port,
        { min: 0, max: 65_535, integer: true },
        fromEnv.metrics?.prometheus?.port ?? DEFAULTS.prometheusPort,
      ),
      endpoint: normalisePath(prometheus?.endpoint ?? DEFAULTS.prometheusEndpoint),
    },
    readers: options.metrics?.readers ?? [],
    views: options.metrics?.views ?? [],
  };
}

function resolveBatch(
  path: string,
  option: BatchOptions | undefined,
  env: BatchOptions | undefined,
  defaults: ResolvedBatch,
  checked: OptionChecker,
): ResolvedBatch {
  const pick = (key: keyof BatchOptions, rule: NumberRule) =>
    checked.pick(`options.${path}.${key}`, option?.[key], rule, env?.[key] ?? defaults[key]);
  const maxQueueSize = pick('maxQueueSize', { min: 1, integer: true });

  return {
    scheduledDelayMillis: pick('scheduledDelayMillis', { min: 0, integer: true }),
    exportTimeoutMillis: pick('exportTimeoutMillis', { min: 1, integer: true }),
    maxQueueSize,
    maxExportBatchSize: Math.min(
      pick('maxExportBatchSize', { min: 1, integer: true }),
      maxQueueSize,
    ),
  };
}

/**
 * Returns the OTLP option fields that are valid, leaving out the others
 * (reported by path), so that the next layer's value applies to them.
 */
function checkOtlpOptions(
  path: string,
  layer: OtlpOptions | undefined,
  checked: OptionChecker,
): OtlpOptions | undefined {
  if (!layer) return undefined;

  const timeout = checked.optional(`${path}.timeoutMillis`, layer.timeoutMillis, {
    min: 1,
    integer: true,
  });
  const protocol = layer.protocol === undefined
    ? undefined
    : checked.choice(`${path}.protocol`, layer.protocol, PROTOCOLS, DEFAULTS.otlpProtocol);
  const compression = layer.compression === undefined
    ? undefined
    : checked.choice(`${path}.compression`, layer.compression, ['gzip', 'none'] as const, 'none');
  return {
    ...layer,
    timeoutMillis: timeout,
    protocol,
    compression,
  };
}

interface EndpointCandidate {
  readonly source: string;
  readonly value: string | undefined;
  /** Base endpoints get the signal path appended; signal endpoints are used as given. */
  readonly isBase: boolean;
}

function resolveOtlp(
  signal: Signal,
  options: TelemetryOptions,
  fromEnv: TelemetryOptions,
  checked: OptionChecker,
  issues: IssueCollector,
): ResolvedOtlp {
  const signalOptions: OtlpSignalOptions | undefined = options[signal]?.otlp;
  const signalEnv: OtlpSignalOptions | undefined = fromEnv[signal]?.otlp;
  const layers: (OtlpOptions | undefined)[] = [
    checkOtlpOptions(`options.${signal}.otlp`, signalOptions, checked),
    checkOtlpOptions('options.otlp', options.otlp, checked),
    signalEnv,
    fromEnv.otlp,
  ];
  const first = <K extends keyof OtlpOptions>(key: K) =>
    layers.map((layer) => layer?.[key]).find((value) => value !== undefined);
  const envPrefix = `OTEL_EXPORTER_OTLP_${signal.toUpperCase()}`;

  const url = resolveEndpoint(
    signal,
    [
      {
        source: `options.${signal}.otlp.endpoint`,
        value: signalOptions?.endpoint,
        isBase: false,
      },
      { source: 'options.otlp.endpoint', value: options.otlp?.endpoint, isBase: true },
      { source: `${envPrefix}_ENDPOINT`, value: signalEnv?.endpoint, isBase: false },
      {
        source: 'OTEL_EXPORTER_OTLP_ENDPOINT',
        value: fromEnv.otlp?.endpoint,
        isBase: true,
      },
    ],
    issues,
  );

  return {
    url,
    protocol: first('protocol') ?? DEFAULTS.otlpProtocol,
    headers: { ...fromEnv.otlp?.headers, ...signalEnv?.headers, ...options.otlp?.headers, ...signalOptions?.headers },
    timeoutMillis: first('timeoutMillis') ?? DEFAULTS.otlpTimeoutMillis,
    compression: first('compression') ?? 'none',
  };
}

/**
 * Takes the first valid endpoint. Each invalid one before it is reported
 * with the URL this signal uses instead.
 */
function resolveEndpoint(
  signal: Signal,
  candidates: readonly EndpointCandidate[],
  issues: IssueCollector,
): string {
  const invalid: EndpointCandidate[] = [];
  let resolved: string | undefined;

  for (const candidate of candidates) {
    if (candidate.value === undefined) continue;

    const url = parseHttpUrl(candidate.value);
    if (url) {
      resolved = candidate.isBase ? appendSignalPath(url.href, signal) : url.href;
      break;
    }
    invalid.push(candidate);
  }

  const used = resolved ?? appendSignalPath(DEFAULTS.otlpEndpoint, signal);
  for (const candidate of invalid) {
    issues.add({
      source: candidate.source,
      value: candidate.value,
      expected: 'an absolute http:// or https:// URL',
      fallback: used,
    });
  }
  return used;
}

function appendSignalPath(base: string, signal: Signal): string {
  const separator = base.endsWith('/') ? '' : '/';
  return `${base}${separator}${OTLP_SIGNAL_PATHS[signal]}`;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function resolveInstrumentations(
  switches: InstrumentationOptions,
): ResolvedConfig['instrumentations'] {
  return {
    http: resolveHttp(switches.http),
    express: switches.express ?? true,
    nestjs: switches.nestjs ?? true,
    prisma: resolvePrisma(switches.prisma),
    ioredis: switches.ioredis ?? true,
    socketio: resolveSocketIo(switches.socketio),
    ws: resolveWs(switches.ws),
    winston: switches.winston ?? true,
    pino: switches.pino ?? true,
  };
}

function resolveHttp(
  option: boolean | HttpInstrumentationOptions | undefined,
): ResolvedHttp | false {
  if (option === false) return false;

  const settings = option === true || option === undefined ? {} : option;
  return {
    ignoreIncomingPaths:
      settings.ignoreIncomingPaths ?? DEFAULTS.ignoredIncomingPaths,
    redactedQueryParams: settings.redactedQueryParams ?? [],
    requestHeaders: settings.requestHeaders ?? [],
    responseHeaders: settings.responseHeaders ?? [],
    unmatchedRoute: settings.unmatchedRoute ?? DEFAULTS.unmatchedRoute,
  };
}

function resolveSocketIo(
  option: boolean | SocketIoInstrumentationOptions | undefined,
): ResolvedSocketIo | false {
  if (option === false) return false;

  const settings = option === true || option === undefined ? {} : option;
  return {
    unknownEventName:
      settings.unknownEventName || DEFAULTS.unknownWebSocketEvent,
    ignoreEngineRequests:
      settings.ignoreEngineRequests ?? DEFAULTS.ignoreSocketIoEngineRequests,
  };
}

function resolvePrisma(
  option: boolean | PrismaInstrumentationOptions | undefined,
): ResolvedPrisma | false {
  if (option === false) return false;

  const settings = option === true || option === undefined ? {} : option;
  return { internalSpans: settings.internalSpans === true };
}

function resolveWs(
  option: boolean | WsInstrumentationOptions | undefined,
): ResolvedWs | false {
  if (option === false) return false;

  const settings = option === true || option === undefined ? {} : option;
  return {
    unknownEventName:
      settings.unknownEventName || DEFAULTS.unknownWebSocketEvent,
  };
}

function normalisePath(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}
