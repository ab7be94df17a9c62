import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectTraceTree,
  startTestTelemetry,
  type TestTelemetry,
  toTreeSpan,
} from '../../src/testing/index.js';

let telemetry: TestTelemetry;
let server: Server;
let url: string;

beforeAll(async () => {
  telemetry = startTestTelemetry({ serviceName: 'kit-test' });
  const http = await import('node:http');
  server = http.createServer((_request, response) => {
    trace.getTracer('kit').startActiveSpan('load room', (span) => {
      span.end();
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await telemetry.shutdown();
});

describe('startTestTelemetry', () => {
  it('captures spans in memory as a tree', async () => {
    telemetry.reset();

    await fetch(`${url}/rooms/1`);

    const spans = await telemetry.waitForSpans((ended) =>
      ended.some((span) => span.name === 'GET'),
    );
    expectTraceTree(spans.map(toTreeSpan), {
      name: 'GET',
      kind: 'SERVER',
      attributes: { 'url.path': '/rooms/1' },
      children: [{ name: 'load room' }],
    });
  });

  it('collects metric points on demand', async () => {
    await fetch(`${url}/rooms/2`);

    const points = await telemetry.collectMetrics();
    const durations = points.filter((point) => point.name === 'http.server.request.duration');
    expect(durations).toHaveLength(1);
    expect(durations[0]?.attributes['http.route']).toBe('unmatched');
    expect(durations[0]?.count).toBeGreaterThanOrEqual(1);
  });

  it('rejects with the ended spans on timeout', async () => {
    await expect(telemetry.waitForSpans(() => false, 50)).rejects.toThrow(
      /expected spans did not end within 50 ms; ended: \[/,
    );
  });
});
