import type { DiagLogger } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { DeferredExporter } from '../../src/exporters/deferred.js';
import { useReceiver } from '../support/receiver.js';
import { exportEnv, startFixture } from '../support/fixtures.js';

const receiver = useReceiver();

function printed(stdout: string, label: string): string[] {
  const match = new RegExp(`${label}: (\\[.*\\])`).exec(stdout);
  if (!match?.[1]) throw new Error(`no "${label}" line in:\n${stdout}`);
  return JSON.parse(match[1]) as string[];
}

describe('OTLP exporters', () => {
  it('load at the first export, not at start, and then export', async () => {
    const fixture = await startFixture('deferred-exporters.cjs', {
      nodeArgs: ['--require', '@seda/telemetry/register'],
      env: exportEnv(receiver(), { OTEL_SERVICE_NAME: 'deferred' }),
    });
    const exit = await fixture.exited;

    expect(exit.code).toBe(0);
    expect(printed(exit.stdout, 'at start')).toEqual([]);
    expect(printed(exit.stdout, 'after export')).toEqual(
      expect.arrayContaining([
        '@opentelemetry/exporter-trace-otlp-proto',
        '@opentelemetry/otlp-exporter-base',
        '@opentelemetry/otlp-transformer',
      ]),
    );
    expect(receiver().spans().map((span) => span.name)).toContain('deferred span');
    // The metric reader loaded its exporter at its first collection.
    expect(receiver().metrics().length).toBeGreaterThan(0);
  });
});

describe('OTLP exporters created at shutdown', () => {
  /** Long enough that nothing is exported before the shutdown. */
  const NO_EXPORT_BEFORE_SHUTDOWN = {
    OTEL_BSP_SCHEDULE_DELAY: '60000',
    OTEL_BLRP_SCHEDULE_DELAY: '60000',
    OTEL_METRIC_EXPORT_INTERVAL: '60000',
  };

  it('export the final metrics without a warning', async () => {
    const fixture = await startFixture('late-environment.mjs', {
      env: exportEnv(receiver(), NO_EXPORT_BEFORE_SHUTDOWN),
    });
    const exit = await fixture.exited;

    expect(exit.stdout).toContain('shut down');
    expect(exit.stderr).not.toContain('cannot provide a Meter');
    expect(receiver().metrics().some((point) => point.name === 'late.count')).toBe(true);
  });

  it('read the exporter variables as they were at start', async () => {
    const fixture = await startFixture('late-environment.mjs', {
      env: exportEnv(receiver(), NO_EXPORT_BEFORE_SHUTDOWN),
    });
    await fixture.exited;

    const counts = receiver()
      .metrics()
      .filter((point) => point.name === 'late.count');
    expect(counts.map((point) => point.temporality)).toEqual(['cumulative']);
  });
});

describe('DeferredExporter', () => {
  function collectingLogger(errors: string[]): DiagLogger {
    const ignore = () => {};
    return {
      error: (message: string) => errors.push(message),
      warn: ignore,
      info: ignore,
      debug: ignore,
      verbose: ignore,
    };
  }

  function exportOnce(exporter: DeferredExporter<string[]>): Promise<ExportResult> {
    return new Promise((resolve) => exporter.export(['span'], resolve));
  }

  it('fails every export after a failed construction', async () => {
    const errors: string[] = [];
    let attempts = 0;
    const exporter = new DeferredExporter<string[]>(() => {
      attempts += 1;
      throw new Error('URL "ftp://collector" is not http or https');
    }, collectingLogger(errors));

    const results = [await exportOnce(exporter), await exportOnce(exporter)];

    expect(results.map((result) => result.code)).toEqual([
      ExportResultCode.FAILED,
      ExportResultCode.FAILED,
    ]);
    expect(results[1]?.error?.message).toBe('URL "ftp://collector" is not http or https');
    expect(attempts).toBe(1);
    expect(errors).toEqual([
      'failed to create the OTLP exporter, so nothing is exported ' +
        '(check the OTEL_EXPORTER_OTLP_* settings): URL "ftp://collector" is not http or https',
    ]);
  });

  it('creates nothing to flush or shut down before the first export', async () => {
    let attempts = 0;
    const exporter = new DeferredExporter<string[]>(() => {
      attempts += 1;
      throw new Error('not expected');
    });

    await exporter.forceFlush();
    await exporter.shutdown();
    const result = await exportOnce(exporter);

    expect(attempts).toBe(0);
    expect(result.error?.message).toBe('the exporter is shut down');
  });
});
