import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { AggregationType } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { startTestTelemetry } from '../../src/testing/index.js';

async function serveOnce(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('startTestTelemetry restarted', () => {
  it('instruments HTTP in every round', async () => {
    for (let round = 1; round <= 3; round += 1) {
      const telemetry = startTestTelemetry();
      const server = await serveOnce();

      await fetch(`${server.url}/round/${round}`);
      const spans = await telemetry.waitForSpans((ended) =>
        ended.some((span) => span.kind === SpanKind.SERVER),
      );
      await server.close();
      await telemetry.shutdown();

      const kinds = spans.map((span) => span.kind).sort();
      expect(kinds, `round ${round}`).toEqual([SpanKind.SERVER, SpanKind.CLIENT].sort());
    }
  });
});

describe('a user view on the HTTP histogram', () => {
  it('replaces the SDK view instead of doubling it', async () => {
    const telemetry = startTestTelemetry({
      metrics: {
        views: [
          {
            instrumentName: 'http.server.request.duration',
            aggregation: {
              type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM,
              options: { boundaries: [0.1, 1] },
            },
          },
        ],
      },
    });
    const server = await serveOnce();

    await fetch(`${server.url}/anything`);
    await telemetry.waitForSpans((ended) => ended.some((span) => span.kind === SpanKind.SERVER));
    const points = (await telemetry.collectMetrics()).filter(
      (point) => point.name === 'http.server.request.duration',
    );
    await server.close();
    await telemetry.shutdown();

    expect(points).toHaveLength(1);
    expect(points[0]?.count).toBe(1);
    expect(points[0]?.explicitBounds).toEqual([0.1, 1]);
    expect(points[0]?.attributes['http.route']).toBe('unmatched');
  });
});
