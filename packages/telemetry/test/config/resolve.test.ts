import { describe, expect, it } from 'vitest';
import { describeIssue, describeProblem } from '../../src/config/issues.js';
import { resolveConfig } from '../../src/config/resolve.js';

describe('resolveConfig', () => {
  it('applies defaults with an empty environment', () => {
    const { config, issues } = resolveConfig({}, {});

    expect(issues).toEqual([]);
    expect(config.disabled).toBe(false);
    expect(config.traces.exporters).toEqual(['otlp']);
    expect(config.traces.otlp.url).toBe('http://localhost:4318/v1/traces');
    expect(config.traces.otlp.protocol).toBe('http/protobuf');
    expect(config.traces.otlp.timeoutMillis).toBe(10_000);
    expect(config.metrics.otlp.url).toBe('http://localhost:4318/v1/metrics');
    expect(config.logs.otlp.url).toBe('http://localhost:4318/v1/logs');
    expect(config.metrics.exportIntervalMillis).toBe(60_000);
    expect(config.traces.sampler).toEqual({ name: 'parentbased_always_on', ratio: 1 });
    expect(config.metrics.prometheus).toEqual({
      host: 'localhost',
      port: 9464,
      endpoint: '/metrics',
    });
    expect(config.shutdown).toEqual({ signals: true, timeoutMillis: 5_000 });
  });

  it('reads the standard variables', () => {
    const { config, issues } = resolveConfig(
      {},
      {
        OTEL_SERVICE_NAME: 'rooms-api',
        OTEL_RESOURCE_ATTRIBUTES: 'team=chat,region=eu%2Dwest',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/custom',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc,x-tenant=seda',
        OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'x-tenant=metrics',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_TIMEOUT: '2500',
        OTEL_TRACES_EXPORTER: 'otlp,console',
        OTEL_METRICS_EXPORTER: 'prometheus',
        OTEL_LOGS_EXPORTER: 'none',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
        OTEL_METRIC_EXPORT_INTERVAL: '15000',
        OTEL_LOG_LEVEL: 'DEBUG',
        OTEL_EXPORTER_PROMETHEUS_PORT: '0',
        NODE_ENV: 'production',
        APP_VERSION: '1.4.2',
      },
    );

    expect(issues).toEqual([]);
    expect(config.service).toEqual({
      name: 'rooms-api',
      version: '1.4.2',
      environment: 'production',
    });
    expect(config.resourceAttributes).toEqual({ team: 'chat', region: 'eu-west' });
    expect(config.traces.otlp.url).toBe('http://traces:9999/custom');
    expect(config.metrics.otlp.url).toBe('http://collector:4318/v1/metrics');
    expect(config.traces.otlp.headers).toEqual({ 'x-api-key': 'abc', 'x-tenant': 'seda' });
    expect(config.metrics.otlp.headers).toEqual({ 'x-api-key': 'abc', 'x-tenant': 'metrics' });
    expect(config.traces.otlp.protocol).toBe('http/json');
    expect(config.logs.otlp.protocol).toBe('http/protobuf');
    expect(config.metrics.otlp.timeoutMillis).toBe(2500);
    expect(config.traces.exporters).toEqual(['otlp', 'console']);
    expect(config.metrics.exporters).toEqual(['prometheus']);
    expect(config.logs.exporters).toEqual(['none']);
    expect(config.traces.sampler).toEqual({ name: 'parentbased_traceidratio', ratio: 0.25 });
    expect(config.metrics.exportIntervalMillis).toBe(15_000);
    expect(config.metrics.exportTimeoutMillis).toBe(15_000);
    expect(config.logLevel).toBe('debug');
    expect(config.metrics.prometheus.port).toBe(0);
  });

  it('lets options override the environment', () => {
    const { config } = resolveConfig(
      {
        serviceName: 'from-options',
        environment: 'staging',
        otlp: { endpoint: 'http://options:4318' },
        traces: { samplerRatio: 0.5, sampler: 'traceidratio' },
        metrics: { exportIntervalMillis: 1000 },
      },
      {
        OTEL_SERVICE_NAME: 'from-env',
        NODE_ENV: 'production',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://env-traces:4318/v1/traces',
        OTEL_TRACES_SAMPLER_ARG: '0.1',
        OTEL_METRIC_EXPORT_INTERVAL: '5000',
      },
    );

    expect(config.service.name).toBe('from-options');
    expect(config.service.environment).toBe('staging');
    expect(config.traces.otlp.url).toBe('http://options:4318/v1/traces');
    expect(config.traces.sampler).toEqual({ name: 'traceidratio', ratio: 0.5 });
    expect(config.metrics.exportIntervalMillis).toBe(1000);
    expect(config.metrics.exportTimeoutMillis).toBe(1000);
  });

  it('prefers OTEL_RESOURCE_ATTRIBUTES to NODE_ENV', () => {
    const { config } = resolveConfig(
      {},
      {
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=canary',
        NODE_ENV: 'production',
      },
    );

    expect(config.service.environment).toBe('canary');
  });

  it('treats empty variables as unset', () => {
    const { config, issues } = resolveConfig(
      {},
      { OTEL_TRACES_SAMPLER_ARG: '', OTEL_EXPORTER_OTLP_ENDPOINT: '  ' },
    );

    expect(issues).toEqual([]);
    expect(config.traces.otlp.url).toBe('http://localhost:4318/v1/traces');
  });
});

describe('invalid values', () => {
  const CASES = [
    {
      env: { OTEL_TRACES_SAMPLER_ARG: '1.5' },
      message:
        'OTEL_TRACES_SAMPLER_ARG="1.5" is invalid: expected a number from 0 to 1; using 1',
    },
    {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
      message:
        'OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318" is invalid: expected an ' +
        'absolute http:// or https:// URL; using http://localhost:4318/v1/traces',
    },
    {
      env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url' },
      message:
        'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT="not a url" is invalid: expected an ' +
        'absolute http:// or https:// URL; using http://localhost:4318/v1/traces',
    },
    {
      env: { OTEL_TRACES_EXPORTER: 'jaeger' },
      message:
        'OTEL_TRACES_EXPORTER="jaeger" is invalid: expected entries from otlp, ' +
        'console, none; using the default',
    },
    {
      env: { OTEL_METRICS_EXPORTER: 'prometheus,statsd' },
      message:
        'OTEL_METRICS_EXPORTER="statsd" is invalid: expected entries from otlp, ' +
        'prometheus, console, none; using prometheus',
    },
    {
      env: { OTEL_METRIC_EXPORT_INTERVAL: '-5' },
      message:
        'OTEL_METRIC_EXPORT_INTERVAL="-5" is invalid: expected an integer of at ' +
        'least 1; using 60000 ms',
    },
    {
      env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      message:
        'OTEL_EXPORTER_OTLP_PROTOCOL="grpc" is invalid: expected http/protobuf ' +
        'or http/json (grpc is not supported); using http/protobuf',
    },
    {
      env: { OTEL_TRACES_SAMPLER: 'sometimes' },
      message:
        'OTEL_TRACES_SAMPLER="sometimes" is invalid: expected one of always_on, ' +
        'always_off, traceidratio, parentbased_always_on, parentbased_always_off, ' +
        'parentbased_traceidratio; using parentbased_always_on',
    },
    {
      env: { OTEL_SDK_DISABLED: 'yes' },
      message: 'OTEL_SDK_DISABLED="yes" is invalid: expected true or false; using false',
    },
    {
      env: { OTEL_LOG_LEVEL: 'loud' },
      message:
        'OTEL_LOG_LEVEL="loud" is invalid: expected one of none, error, warn, ' +
        'info, debug, verbose, all; using info',
    },
    {
      env: { OTEL_EXPORTER_OTLP_TIMEOUT: 'soon' },
      message:
        'OTEL_EXPORTER_OTLP_TIMEOUT="soon" is invalid: expected an integer of at ' +
        'least 1; using 10000 ms',
    },
  ];

  it.each(CASES)('$env gives one warning', ({ env, message }) => {
    const { issues } = resolveConfig({}, env);

    expect(issues.map(describeIssue)).toEqual([message]);
  });

  it('falls back to the defaults', () => {
    const { config } = resolveConfig(
      {},
      {
        OTEL_TRACES_SAMPLER_ARG: '1.5',
        OTEL_TRACES_SAMPLER: 'traceidratio',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'nope',
        OTEL_METRIC_EXPORT_INTERVAL: '-5',
        OTEL_TRACES_EXPORTER: 'jaeger',
      },
    );

    expect(config.traces.sampler).toEqual({ name: 'traceidratio', ratio: 1 });
    expect(config.traces.otlp.url).toBe('http://localhost:4318/v1/traces');
    expect(config.metrics.exportIntervalMillis).toBe(60_000);
    expect(config.traces.exporters).toEqual(['otlp']);
  });

  it('reports invalid options by their path', () => {
    const { issues } = resolveConfig(
      { traces: { samplerRatio: 2 }, metrics: { exportIntervalMillis: -1 } },
      {},
    );

    expect(issues.map(describeIssue)).toEqual([
      'options.traces.samplerRatio=2 is invalid: expected a number from 0 to 1; ' +
        'using 1',
      'options.metrics.exportIntervalMillis=-1 is invalid: expected an integer ' +
        'of at least 1; using 60000',
    ]);
  });

  it('never echoes header values', () => {
    const { issues } = resolveConfig(
      {},
      { OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20secret,broken-entry' },
    );

    expect(issues.map(describeIssue).join('\n')).not.toContain('secret');
    expect(issues).toHaveLength(1);
  });
});

describe('stricter values', () => {
  it.each(['0x10', '1e3', '12ms', ''])('rejects %j as an interval', (value) => {
    const { config, issues } = resolveConfig({}, { OTEL_METRIC_EXPORT_INTERVAL: value });

    expect(config.metrics.exportIntervalMillis).toBe(60_000);
    expect(issues).toHaveLength(value === '' ? 0 : 1);
  });

  it.each([
    'OTEL_EXPORTER_OTLP_TIMEOUT',
    'OTEL_EXPORTER_OTLP_METRICS_TIMEOUT',
    'OTEL_METRIC_EXPORT_TIMEOUT',
    'OTEL_BSP_EXPORT_TIMEOUT',
  ])('rejects a zero %s', (name) => {
    const { issues } = resolveConfig({}, { [name]: '0' });

    expect(issues.map((issue) => issue.source)).toEqual([name]);
  });

  it('drops repeated exporters', () => {
    const { config, issues } = resolveConfig({}, { OTEL_TRACES_EXPORTER: 'otlp,OTLP, otlp' });

    expect(config.traces.exporters).toEqual(['otlp']);
    expect(issues).toEqual([]);
  });

  it('lets none win over other entries', () => {
    const { config, issues } = resolveConfig({}, { OTEL_PROPAGATORS: 'tracecontext,none' });

    expect(config.propagators).toEqual(['none']);
    expect(issues.map(describeIssue)).toEqual([
      'OTEL_PROPAGATORS="tracecontext,none" is invalid: expected `none` alone ' +
        'or a list without `none`; using none',
    ]);
  });

  it('names the shared endpoint as the fallback', () => {
    const { config, issues } = resolveConfig(
      {},
      {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'bad',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      },
    );

    expect(config.traces.otlp.url).toBe('http://collector:4318/v1/traces');
    expect(issues.map(describeIssue)).toEqual([
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT="bad" is invalid: expected an absolute ' +
        'http:// or https:// URL; using http://collector:4318/v1/traces',
    ]);
  });

  it('validates options of plain JavaScript callers', () => {
    const options = {
      logLevel: 'loud',
      propagators: ['b3'],
      traces: { exporters: 'otlp', sampler: 'sometimes' },
      otlp: { protocol: 'grpc', timeoutMillis: -1 },
    } as unknown as Parameters<typeof resolveConfig>[0];

    const { config, issues } = resolveConfig(options, {});

    expect(config.logLevel).toBe('info');
    expect(config.propagators).toEqual(['tracecontext', 'baggage']);
    expect(config.traces.exporters).toEqual(['otlp']);
    expect(config.traces.sampler).toEqual({ name: 'parentbased_always_on', ratio: 1 });
    expect(config.traces.otlp.protocol).toBe('http/protobuf');
    expect(config.traces.otlp.timeoutMillis).toBe(10_000);
    expect(issues.map((issue) => issue.source).sort()).toEqual([
      'options.logLevel',
      'options.otlp.protocol',
      'options.otlp.timeoutMillis',
      'options.propagators',
      'options.traces.exporters',
      'options.traces.sampler',
    ]);
  });

  it('reads the shutdown signal switch', () => {
    const { config } = resolveConfig({}, { SEDA_TELEMETRY_SHUTDOWN_SIGNALS: 'false' });

    expect(config.shutdown.signals).toBe(false);
  });
});

describe('describeProblem', () => {
  it('leaves out the fallback', () => {
    const { issues } = resolveConfig({}, { OTEL_TRACES_SAMPLER_ARG: '1.5' });

    expect(issues.map(describeProblem)).toEqual([
      'OTEL_TRACES_SAMPLER_ARG="1.5" is invalid: expected a number from 0 to 1',
    ]);
  });
});
