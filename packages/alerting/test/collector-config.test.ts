import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../src/generate/artifacts.js';

// NOTE: no Collector binary is installable here (neither Debian nor npm
// ships one), so this checks the file's structure, not that otelcol loads it.
const config = parse(
  readFileSync(join(PACKAGE_ROOT, 'collector/otelcol.yaml'), 'utf8'),
);

/** Returns the `${env:NAME:-default}` default of a setting. */
function defaultOf(setting: string): string {
  return setting.replace(/\$\{env:[A-Z_]+:-([^}]*)\}/g, '$1');
}

describe('Collector example configuration', () => {
  test('pipelines use only defined components', () => {
    for (const pipeline of Object.values<any>(config.service.pipelines)) {
      for (const kind of ['receivers', 'processors', 'exporters']) {
        for (const name of pipeline[kind] ?? []) {
          expect(Object.keys(config[kind]), `${kind} ${name}`).toContain(name);
        }
      }
    }
  });

  test('metrics go from OTLP to Prometheus', () => {
    const metrics = config.service.pipelines.metrics;

    expect(metrics.receivers).toEqual(['otlp']);
    expect(metrics.exporters).toEqual(['prometheusremotewrite']);
    expect(config.exporters.prometheus).toBeDefined();
  });

  test('exporters keep the suffixes the Collector rules expect', () => {
    for (const name of ['prometheusremotewrite', 'prometheus']) {
      expect(config.exporters[name].add_metric_suffixes).not.toBe(false);
      expect(config.exporters[name].namespace).toBeUndefined();
    }
    expect(config.exporters.prometheusremotewrite.target_info.enabled).toBe(
      true,
    );
  });

  test('defaults bind and send to loopback only', () => {
    expect(defaultOf(config.receivers.otlp.protocols.http.endpoint)).toBe(
      '127.0.0.1:4318',
    );
    expect(defaultOf(config.exporters.prometheus.endpoint)).toBe(
      '127.0.0.1:8889',
    );
    expect(
      new URL(defaultOf(config.exporters.prometheusremotewrite.endpoint))
        .hostname,
    ).toBe('127.0.0.1');
  });
});
