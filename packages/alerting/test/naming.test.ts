import { describe, expect, test } from 'vitest';
import { collectorName } from '../src/naming/collector-name.js';
import { javascriptExporterName } from '../src/naming/javascript-name.js';
import type { OtlpMetric } from '../src/naming/metric-catalog.js';

const histogram = (name: string, unit: string): OtlpMetric => ({
  name,
  unit,
  type: 'histogram',
});
const gauge = (name: string, unit: string): OtlpMetric => ({
  name,
  unit,
  type: 'gauge',
});
const sum = (name: string, unit: string, monotonic: boolean): OtlpMetric => ({
  name,
  unit,
  type: 'sum',
  monotonic,
});

describe('collectorName', () => {
  test.each([
    [
      histogram('http.server.request.duration', 's'),
      'http_server_request_duration_seconds',
    ],
    [gauge('health.check.status', '1'), 'health_check_status_ratio'],
    [gauge('health.memory.limit', 'By'), 'health_memory_limit_bytes'],
    [sum('process.memory.usage', 'By', false), 'process_memory_usage_bytes'],
    [sum('seda.auth.failed', '{attempt}', true), 'seda_auth_failed_total'],
    [
      sum('websocket.server.active_connections', '{connection}', false),
      'websocket_server_active_connections',
    ],
    [sum('queue.utilization', '1', false), 'queue_utilization'],
    [sum('requests', '1', true), 'requests_total'],
    [sum('network.io', 'By/s', true), 'network_io_bytes_per_second_total'],
    [sum('packets', '{packet}/s', true), 'packets_per_second_total'],
    [gauge('memory.used.bytes', 'By'), 'memory_used_bytes'],
    [sum('requests.total.count', '1', true), 'requests_count_total'],
    [gauge('cpu..usage__share', '1'), 'cpu_usage_share_ratio'],
    [gauge('disk.free', 'MiBy'), 'disk_free_mebibytes'],
    [gauge('thing', 'widgets'), 'thing_widgets'],
    [gauge('2xx.share', '1'), '_2xx_share_ratio'],
  ])('names %o %s', (metric, expected) => {
    expect(collectorName(metric)).toBe(expected);
  });
});

describe('javascriptExporterName', () => {
  test.each([
    [
      histogram('http.server.request.duration', 's'),
      'http_server_request_duration',
    ],
    [gauge('health.check.status', '1'), 'health_check_status'],
    [sum('seda.auth.failed', '{attempt}', true), 'seda_auth_failed_total'],
    [sum('process.memory.usage', 'By', false), 'process_memory_usage'],
    [sum('requests_total', '1', true), 'requests_total'],
    [gauge('cpu..usage-share', '1'), 'cpu_usage_share'],
  ])('names %o %s', (metric, expected) => {
    expect(javascriptExporterName(metric)).toBe(expected);
  });
});
