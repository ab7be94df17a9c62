import { describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import { exportEnv, startFixture, startServerFixture } from '../support/fixtures.js';

const receiver = useReceiver();

const REGISTER = ['--import', '@seda/telemetry/register'];

describe('invalid environment', () => {
  const INVALID = {
    OTEL_TRACES_SAMPLER: 'traceidratio',
    OTEL_TRACES_SAMPLER_ARG: '1.5',
    OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'not-a-url',
    OTEL_LOGS_EXPORTER: 'kafka',
    OTEL_METRIC_EXPORT_INTERVAL: '-1',
  };

  it('warns once per variable and keeps serving', async () => {
    const { fixture, url } = await startServerFixture('express-app.mjs', {
      nodeArgs: REGISTER,
      env: exportEnv(receiver(), INVALID),
    });

    const reply = await fetch(`${url}/rooms/1/messages`);
    expect(reply.status).toBe(200);
    await receiver().waitForSpans({ kind: 'SERVER' });

    const warnings = fixture
      .stderr()
      .split('\n')
      .filter((line) => line.includes('@seda/telemetry/config warn'));
    expect(warnings).toEqual([
      '@seda/telemetry/config warn: OTEL_TRACES_SAMPLER_ARG="1.5" is invalid: ' +
        'expected a number from 0 to 1; using 1',
      '@seda/telemetry/config warn: OTEL_METRIC_EXPORT_INTERVAL="-1" is invalid: ' +
        'expected an integer of at least 1; using 60000 ms',
      '@seda/telemetry/config warn: OTEL_LOGS_EXPORTER="kafka" is invalid: ' +
        'expected entries from otlp, console, none; using the default',
      '@seda/telemetry/config warn: OTEL_EXPORTER_OTLP_METRICS_ENDPOINT="not-a-url" ' +
        'is invalid: expected an absolute http:// or https:// URL; using ' +
        `${receiver().url}/v1/metrics`,
    ]);
    expect(fixture.stderr()).not.toContain('Configuration:');
  });

  it('throws in strict mode', async () => {
    const fixture = await startFixture('strict.mjs', {
      env: exportEnv(receiver(), { OTEL_TRACES_SAMPLER_ARG: '1.5' }),
    });

    const exit = await fixture.exited;
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain(
      'threw TelemetryConfigError: @seda/telemetry: invalid configuration (strict mode):',
    );
    expect(exit.stdout).toContain('OTEL_TRACES_SAMPLER_ARG="1.5" is invalid');
  });

  it('starts in strict mode when valid', async () => {
    const fixture = await startFixture('strict.mjs', { env: exportEnv(receiver()) });

    const exit = await fixture.exited;
    expect(exit.stdout).toContain('started');
  });
});

describe('startTelemetry called again', () => {
  it('returns the same handle and warns once', async () => {
    const fixture = await startFixture('start-twice.mjs', { env: exportEnv(receiver()) });

    const exit = await fixture.exited;
    expect(exit.stdout).toContain('same handle: true');
    const warnings = exit.stderr.match(/called again while the SDK is running/g) ?? [];
    expect(warnings).toHaveLength(1);
    const starts = exit.stderr.match(/@seda\/telemetry\/sdk info: started/g) ?? [];
    expect(starts).toHaveLength(1);
  });
});

describe('OTEL_SDK_DISABLED', () => {
  it('opens no port and starts no timer', async () => {
    const fixture = await startFixture('disabled.mjs', {
      env: exportEnv(receiver(), {
        OTEL_SDK_DISABLED: 'true',
        OTEL_EXPORTER_PROMETHEUS_PORT: '0',
        OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      }),
    });

    const exit = await fixture.exited;
    const report = JSON.parse(exit.stdout.trim()) as Record<string, unknown>;
    expect(report.enabled).toBe(false);
    expect(report.recording).toBe(false);
    expect(report.after).toEqual(report.before);
    expect(report.prometheusUrl).toBeUndefined();
    expect(receiver().requests()).toEqual([]);
    expect(exit.stderr).toContain(
      'disabled by OTEL_SDK_DISABLED=true: nothing is traced, measured or exported',
    );
  });
});

describe('testing kit under OTEL_SDK_DISABLED', () => {
  it('still records', async () => {
    const fixture = await startFixture('kit-disabled.mjs', {
      env: exportEnv(receiver(), { OTEL_SDK_DISABLED: 'true' }),
    });

    const exit = await fixture.exited;

    expect(JSON.parse(exit.stdout.trim())).toEqual({ enabled: true, spans: ['probe'] });
  });
});
